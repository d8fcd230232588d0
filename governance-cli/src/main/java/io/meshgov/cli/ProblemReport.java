package io.meshgov.cli;

import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code validate} found in a bundle, whatever the output format: the bundle directory as
 * given on the command line, whether {@code --strict} counts warnings as errors, and the engine's
 * problems, in the engine's order (by file, line and column).
 */
record ProblemReport(Path bundle, boolean strict, List<Problem> problems) {
  ProblemReport {
    Objects.requireNonNull(bundle, "bundle");
    problems = List.copyOf(problems);
  }

  long errors() {
    return problems.stream().filter(Problem::isError).count();
  }

  long warnings() {
    return problems.size() - errors();
  }

  /** Whether this problem fails the run: an error, or a warning under {@code --strict}. */
  boolean fails(Problem problem) {
    return problem.isError() || strict && problem.severity() == Severity.WARNING;
  }

  /** No error, and under {@code --strict} no warning either: exit 0. */
  boolean valid() {
    return problems.stream().noneMatch(this::fails);
  }

  int exitCode() {
    return valid() ? GovernanceCli.OK : GovernanceCli.FAILED;
  }
}
