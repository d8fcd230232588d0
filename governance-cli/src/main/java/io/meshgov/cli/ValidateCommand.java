package io.meshgov.cli;

import io.meshgov.engine.GovernanceEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    modelTransformer = BundleOption.OrBareDirectory.class,
    description = {"Validate a policy bundle: one file:line:col: message line per problem on stderr, "
        + "then a summary line on stdout.",
        "With --format json or sarif, one document on stdout instead, and nothing on stderr.",
        "Exit 0 when valid (warnings allowed, unless --strict), 1 when there is an error (or, with --strict, "
            + "a warning).",
        "Without an OPA URL (--opa-url or $MESHGOV_OPA_URL), each OPA-backed policy set gets a warning."})
final class ValidateCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Mixin OpaUrlOption opa;

  @Option(names = "--strict", description = "Count warnings as errors: exit 1 when any warning remains.")
  boolean strict;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "How to print the problems: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
          + "text: problem lines on stderr and a summary line on stdout; json: one JSON object; "
          + "sarif: a SARIF 2.1.0 log, for GitHub code scanning.")
  ReportFormat format = ReportFormat.text;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    ProblemReport report = new ProblemReport(bundle.directory(), strict, builder.validate());
    format.writer().write(report, spec.commandLine().getOut(), spec.commandLine().getErr());
    return report.exitCode();
  }
}
