package io.meshgov.cli;

import io.meshgov.api.AuditSink;
import io.meshgov.cli.retention.ProductOutcome;
import io.meshgov.cli.retention.ProductPlan;
import io.meshgov.cli.retention.RetentionPlanner;
import io.meshgov.cli.retention.RetentionRunner;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.JsonLinesAuditSink;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Carry out the retention plan on PostgreSQL over JDBC, one transaction per product: delete, "
        + "archive (insert and delete together) or anonymize the rows past their cutoff, and audit each product.",
        "The password comes from --password-file or the environment variable " + JdbcCredentials.PASSWORD_VARIABLE
            + ", never from the command line.",
        "Exit 0; 1 if any product failed (it is rolled back, the others go on) or the database cannot be reached; "
            + "2 for a bad bundle or option."})
final class RetentionApplyCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Option(names = "--jdbc", required = true, paramLabel = "URL",
      description = "The PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/warehouse.")
  String jdbcUrl;

  @Option(names = "--user", paramLabel = "USER", description = "The database user.")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "A file holding the password (a trailing line break is ignored); default: $"
          + JdbcCredentials.PASSWORD_VARIABLE + ".")
  Path passwordFile;

  @Option(names = "--at", paramLabel = "TIME",
      description = "The instant the cutoffs are computed from (a timestamp or a date); default: now.")
  String at;

  @Option(names = "--dry-run",
      description = "Count the rows each product would lose, in read-only transactions rolled back; change nothing.")
  boolean dryRun;

  @Option(names = "--audit", paramLabel = "FILE",
      description = "Append one audit record per product changed (JSON Lines); none for a dry run.")
  Path audit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant instant;
    JdbcCredentials credentials;
    try {
      instant = at == null ? Instant.now() : InstantConverter.parse(at);
      credentials = JdbcCredentials.of(user, passwordFile, System.getenv());
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle.directory()).build()) {
      List<ProductPlan> plans = new RetentionPlanner(SqlDialect.POSTGRESQL, Rendering.BIND).plan(engine, instant);
      String digest = engine.bundle().digest();
      boolean[] failed = {false};
      // each product is told as soon as it is done: should the connection fail later, what was
      // already committed has been said
      java.util.function.Consumer<ProductOutcome> tell = outcome -> {
        out.println(outcome.plan().name() + ": " + report(outcome, credentials));
        out.flush();
        failed[0] |= outcome.result() == ProductOutcome.Result.FAILED
            || outcome.result() == ProductOutcome.Result.DONE_NOT_AUDITED;
      };
      try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials.properties());
          AuditSink sink = audit == null || dryRun ? AuditSink.discarding() : JsonLinesAuditSink.open(audit)) {
        RetentionRunner runner = new RetentionRunner(connection, sink, digest, Clock.systemUTC());
        out.println("retention " + (dryRun ? "dry run" : "apply") + " at " + instant + ", bundle " + digest);
        if (dryRun) {
          runner.dryRun(plans, tell);
        } else {
          runner.apply(plans, tell);
        }
      } catch (SQLException e) {
        out.flush();
        err.println("error: the database: " + credentials.redact(e.getMessage()));
        err.flush();
        return GovernanceCli.FAILED;
      }
      out.flush();
      return failed[0] ? GovernanceCli.FAILED : GovernanceCli.OK;
    }
  }

  private static String report(ProductOutcome outcome, JdbcCredentials credentials) {
    ProductPlan plan = outcome.plan();
    switch (outcome.result()) {
      case DONE:
        return past(plan) + " " + rows(outcome.rows()) + cutoff(plan);
      case COUNTED:
        return "would " + plan.statements().action().wireName() + " " + rows(outcome.rows()) + cutoff(plan);
      case FAILED:
        return "failed, nothing changed: " + credentials.redact(outcome.error());
      case DONE_NOT_AUDITED:
        return past(plan) + " " + rows(outcome.rows()) + cutoff(plan) + ", but " + credentials.redact(outcome.error())
            + "; the run stops here";
      case NOTHING_DUE:
        return plan.status() == ProductPlan.Status.NO_BINDING ? "no binding for postgresql"
            : io.meshgov.cli.retention.PlanDescription.of(plan, "postgresql");
      default:
        throw new AssertionError(outcome.result());
    }
  }

  private static String past(ProductPlan plan) {
    return switch (plan.statements().action()) {
      case DELETE -> "deleted";
      case ARCHIVE -> "archived";
      case ANONYMIZE -> "anonymized";
    };
  }

  private static String rows(long rows) {
    return rows + (rows == 1 ? " row" : " rows");
  }

  private static String cutoff(ProductPlan plan) {
    return " (" + plan.job().retention().basis() + " before " + plan.job().retention().cutoff() + ")";
  }
}
