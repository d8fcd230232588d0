package io.meshgov.cli;

import io.meshgov.api.Problem;
import io.meshgov.api.SubjectsRejectedException;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.subjects.SubjectDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
        "Without an OPA URL (--opa-url or $MESHGOV_OPA_URL), each OPA-backed policy set gets a warning.",
        "With --subjects, a subjects file is checked too, against the bundle's vocabulary."})
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

  @Option(names = "--subjects", paramLabel = "FILE",
      description = "Also check this subjects file (YAML or JSON) against the bundle's vocabulary; "
          + "its problems are printed after the bundle's.")
  @Nullable Path subjects;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    List<Problem> problems = builder.validate();
    ProblemReport report = subjects == null ? new ProblemReport(bundle.directory(), strict, problems)
        : new ProblemReport(bundle.directory(), strict, problems, subjects,
            subjectProblems(subjects, vocabulary(builder, problems)));
    format.writer().write(report, spec.commandLine().getOut(), spec.commandLine().getErr());
    return report.exitCode();
  }

  /**
   * The vocabulary of a bundle without errors. A bundle with errors has no engine to ask, so its
   * subjects file is checked for shape only; the bundle's errors already fail the run.
   */
  private static Vocabulary vocabulary(GovernanceEngine.Builder builder, List<Problem> bundleProblems) {
    if (bundleProblems.stream().anyMatch(Problem::isError)) {
      return Vocabulary.NONE;
    }
    try (GovernanceEngine engine = builder.build()) {
      return engine.vocabulary();
    }
  }

  private static List<Problem> subjectProblems(Path file, Vocabulary vocabulary) {
    try {
      SubjectDirectory.load(file, vocabulary);
      return List.of();
    } catch (SubjectsRejectedException e) {
      return e.problems();
    }
  }
}
