package io.meshgov.cli;

import io.meshgov.api.ColumnDecision;
import io.meshgov.api.Decision;
import io.meshgov.api.Explanation;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.GovernanceEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Decide a request and print a readable trace of every rule of the product's plan: whether it applied and why, or why it was left out.",
        "Exit 0 for permit and deny alike; 2 for a bad bundle or request.",
        "Without an OPA URL (--opa-url or $MESHGOV_OPA_URL), OPA-backed policy sets deny every request they match."})
final class ExplainCommand implements Callable<Integer> {
  /** The widest status label, {@code [not requested]}, and one space. */
  private static final int LABEL_WIDTH = 16;

  @Mixin BundleOption bundle;

  @Mixin SingleRequestOption request;

  @Mixin AuditOption audit;

  @Mixin OpaConnectionOptions opa;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    // the sink is opened last, so a bad OPA setting leaves no audit file behind
    builder.auditSink(audit.open());
    try (GovernanceEngine engine = builder.build()) {
      Explanation explanation = engine.explain(request.read(engine, "explain"));
      print(out, explanation);
      out.flush();
      return GovernanceCli.OK;
    }
  }

  /**
   * {@code [status] <rule> (<kind>, column <c>): <why>}. An evaluated column rule names its column;
   * on its first line it adds the columns it also matches that the request does not name
   * ({@code requested}). A column rule that was not evaluated names every column it matches.
   */
  static String line(TraceEntry entry, Set<String> requested, boolean firstOfRule) {
    StringBuilder line = new StringBuilder("[").append(entry.status().wireName().replace('-', ' ')).append(']');
    while (line.length() < LABEL_WIDTH) {
      line.append(' ');
    }
    line.append(entry.rule()).append(" (").append(entry.kind());
    if (entry.column() != null) {
      line.append(", column ").append(entry.column());
    } else if (!entry.matchedColumns().isEmpty()) {
      line.append(entry.matchedColumns().size() == 1 ? ", column " : ", columns ")
          .append(String.join(", ", entry.matchedColumns()));
    }
    line.append("): ").append(entry.why());
    if (entry.status().evaluated() && firstOfRule) {
      List<String> unrequested = new ArrayList<>();
      for (String column : entry.matchedColumns()) {
        if (!requested.contains(column)) {
          unrequested.add(column);
        }
      }
      if (!unrequested.isEmpty()) {
        line.append("; also matches ").append(String.join(", ", unrequested)).append(", not requested");
      }
    }
    return line.toString();
  }

  static void print(PrintWriter out, Explanation explanation) {
    Decision decision = explanation.decision();
    out.println("decision " + decision.decisionId() + ": " + decision.effect().wireName().toUpperCase()
        + " " + decision.product().id() + "@" + decision.product().version() + " at " + decision.evaluatedAt());
    out.println("bundle " + decision.bundle().name() + " " + decision.bundle().digest());
    for (io.meshgov.api.OpaConsultation opa : decision.opa()) {
      out.println("opa " + opa.policySet() + "@" + opa.version() + ": "
          + (opa.failed() ? "no usable answer: " + opa.error()
              : "decision_id " + opa.decisionId() + (opa.stale() ? ", stale answer" : opa.cached() ? ", cached" : "")));
    }
    out.println();
    out.println("rules considered:");
    if (explanation.trace().isEmpty()) {
      out.println("  (no rule selects this product)");
    }
    Set<String> requested = new HashSet<>();
    for (ColumnDecision column : decision.columns()) {
      requested.add(column.name());
    }
    Set<RuleReference> seen = new HashSet<>();
    for (TraceEntry entry : explanation.trace()) {
      out.println("  " + line(entry, requested, seen.add(entry.rule())));
    }
    out.println();
    out.println("reasons:");
    for (Reason reason : decision.reasons()) {
      out.println("  " + reason.effect().wireName() + " by " + reason.rule() + ": " + reason.message());
    }
    if (!decision.isPermitted()) {
      return;
    }
    out.println();
    out.println("columns:");
    for (ColumnDecision column : decision.columns()) {
      String what = column.mask() != null ? "mask " + column.mask().method().wireName()
          + (column.mask().publicParameters().isEmpty() ? "" : " " + column.mask().publicParameters())
          : column.effect().wireName();
      out.println("  " + column.name() + " (" + column.type().wireName() + "): " + what
          + (column.rule() != null ? "  by " + column.rule() : ""));
    }
    out.println();
    out.println("row filters:" + (decision.rowFilters().isEmpty() ? " none" : ""));
    for (RowFilter filter : decision.rowFilters()) {
      out.println("  " + filter.expression() + "  by " + filter.rule());
    }
    RetentionObligation retention = decision.retention();
    out.println();
    if (retention == null) {
      out.println("retention: none");
    } else {
      out.println("retention: basis=" + retention.basis() + " minimum=" + retention.minimum() + " maximum="
          + retention.maximum() + " action=" + (retention.action() == null ? null : retention.action().wireName())
          + " cutoff=" + retention.cutoff() + " conflict=" + retention.conflict() + " legalHold="
          + retention.legalHold());
    }
  }
}
