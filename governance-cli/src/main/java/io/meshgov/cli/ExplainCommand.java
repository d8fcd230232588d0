package io.meshgov.cli;

import io.meshgov.api.ColumnDecision;
import io.meshgov.api.Decision;
import io.meshgov.api.Explanation;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.GovernanceEngine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Decide a request and print a readable trace of every rule considered and why it did or did not apply.",
        "Exit 0 for permit and deny alike; 2 for a bad bundle or request.",
        "Without an OPA URL (--opa-url or $MESHGOV_OPA_URL), OPA-backed policy sets deny every request they match."})
final class ExplainCommand implements Callable<Integer> {
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
      out.println("  (no rule matches this product and action)");
    }
    for (TraceEntry entry : explanation.trace()) {
      out.println("  " + (entry.applied() ? "[applies]  " : "[skipped]  ") + entry.rule() + " (" + entry.kind()
          + (entry.column() != null ? ", column " + entry.column() : "") + "): " + entry.why());
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
