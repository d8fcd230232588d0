package io.meshgov.cli;

import io.meshgov.api.PolicyTestReport;
import io.meshgov.engine.GovernanceEngine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    modelTransformer = BundleOption.OrBareDirectory.class,
    description = {"Run every PolicyTest of a bundle; print each failure and 'N passed, N failed'.",
        "Exit 0 when all pass, 1 on any failure (or coverage below --min-coverage), 2 when the bundle is invalid.",
        "Without an OPA URL (--opa-url or $MESHGOV_OPA_URL), OPA-backed policy sets deny every request they match."})
final class TestCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Option(names = {"-v", "--verbose"}, description = "Also list the cases that pass.")
  boolean verbose;

  @Option(names = "--coverage", description = "Also print the share of rules a case applied, and every rule none did, at file:line.")
  boolean coverage;

  @Option(names = "--min-coverage", paramLabel = "PERCENT",
      description = "Exit 1 when fewer than PERCENT %% of the rules were applied by a case (implies --coverage).")
  @Nullable Double minCoverage;

  @Mixin OpaConnectionOptions opa;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    try (GovernanceEngine engine = builder.build()) {
      PolicyTestReport report = engine.runPolicyTests();
      for (PolicyTestReport.Case result : report.cases()) {
        if (!result.passed()) {
          out.println("FAIL " + result.file() + ":" + result.line() + ":" + result.column() + ": " + result.suite() + " / " + result.name());
          for (String failure : result.failures()) {
            out.println("  " + failure);
          }
        } else if (verbose) {
          out.println("ok   " + result.file() + ":" + result.line() + ":" + result.column() + ": " + result.suite() + " / " + result.name());
        }
      }
      out.println(report.passed() + " passed, " + report.failed() + " failed");
      if (coverage || minCoverage != null) {
        CoverageSummary.print(report, out);
      }
      boolean coverageTooLow = minCoverage != null && CoverageSummary.percent(report) < minCoverage;
      if (coverageTooLow) {
        out.println("coverage " + CoverageSummary.formatPercent(CoverageSummary.percent(report))
            + " is below --min-coverage " + minCoverage + " %");
      }
      out.flush();
      return report.failed() == 0 && !coverageTooLow ? GovernanceCli.OK : GovernanceCli.FAILED;
    }
  }
}
