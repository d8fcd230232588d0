package io.meshgov.cli;

import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code validate} found, whatever the output format: the bundle directory as given on the
 * command line, whether {@code --strict} counts warnings as errors, the engine's problems of the
 * bundle in the engine's order (by file, line and column), and, with {@code --subjects}, the
 * subjects file as given and its problems. The two lists stay apart because their files are named
 * differently: a bundle problem's file is relative to the bundle, a subjects problem's is the path
 * given.
 */
record ProblemReport(Path bundle, boolean strict, List<Problem> problems, @Nullable Path subjects,
    List<Problem> subjectProblems) {
  ProblemReport {
    Objects.requireNonNull(bundle, "bundle");
    problems = List.copyOf(problems);
    subjectProblems = List.copyOf(subjectProblems);
  }

  /** A report of the bundle alone. */
  ProblemReport(Path bundle, boolean strict, List<Problem> problems) {
    this(bundle, strict, problems, null, List.of());
  }

  /** Every problem, the bundle's first, then the subjects file's: the order they are printed in. */
  List<Problem> all() {
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(subjectProblems);
    return all;
  }

  long errors() {
    return all().stream().filter(Problem::isError).count();
  }

  long warnings() {
    return all().size() - errors();
  }

  /** Whether this problem fails the run: an error, or a warning under {@code --strict}. */
  boolean fails(Problem problem) {
    return problem.isError() || strict && problem.severity() == Severity.WARNING;
  }

  /** No error, and under {@code --strict} no warning either: exit 0. */
  boolean valid() {
    return all().stream().noneMatch(this::fails);
  }

  int exitCode() {
    return valid() ? GovernanceCli.OK : GovernanceCli.FAILED;
  }
}
