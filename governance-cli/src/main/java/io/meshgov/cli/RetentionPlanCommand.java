package io.meshgov.cli;

import io.meshgov.cli.retention.PlanPrinter;
import io.meshgov.cli.retention.ProductPlan;
import io.meshgov.cli.retention.RetentionPlanner;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"For every catalog product, what the retention job would do at an instant: the rule that sets "
        + "the maximum, the cutoff and the statements; or why nothing is due (legal hold, conflict, no maximum, "
        + "no retention rule, no binding).",
        "Exit 0; 2 for a bad bundle or option."})
final class RetentionPlanCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Option(names = "--at", paramLabel = "TIME",
      description = "The instant the cutoffs are computed from (a timestamp or a date); default: now.")
  String at;

  @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "postgresql",
      description = "postgresql (default), trino or spark: the binding read and the SQL written.")
  String dialect;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json, or sql: runnable SQL with the values inline, one transaction per product.")
  String format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SqlDialect sqlDialect = SqlDialect.fromWireName(dialect).orElse(null);
    if (sqlDialect == null) {
      return usage(err, "unknown dialect '" + dialect + "'; use one of "
          + Arrays.stream(SqlDialect.values()).map(SqlDialect::wireName).collect(Collectors.joining(", ")));
    }
    if (!List.of("text", "json", "sql").contains(format)) {
      return usage(err, "unknown format '" + format + "'; use text, json or sql");
    }
    Instant instant;
    try {
      instant = at == null ? Instant.now() : InstantConverter.parse(at);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle.directory()).build()) {
      Rendering rendering = format.equals("sql") ? Rendering.INLINE : Rendering.BIND;
      List<ProductPlan> plans = new RetentionPlanner(sqlDialect, rendering).plan(engine, instant);
      PlanPrinter printer = new PlanPrinter(sqlDialect, instant, engine.bundle().digest());
      switch (format) {
        case "json" -> printer.json(plans, out);
        case "sql" -> printer.sql(plans, out);
        default -> printer.text(plans, out);
      }
      return GovernanceCli.OK;
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println("error: " + message);
    err.flush();
    return GovernanceCli.BAD_INPUT;
  }
}
