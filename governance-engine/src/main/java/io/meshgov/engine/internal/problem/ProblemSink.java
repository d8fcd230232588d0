package io.meshgov.engine.internal.problem;

import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects the problems of one file or bundle, so every stage reports all of them at once. */
public final class ProblemSink {
  /** The order problems are reported in: by file, then line, then column. */
  public static final Comparator<Problem> BY_POSITION =
      Comparator.comparing(Problem::file).thenComparingInt(Problem::line).thenComparingInt(Problem::column);

  private final List<Problem> problems = new ArrayList<>();

  public void error(String code, String file, Position at, String message, @Nullable String help) {
    problems.add(new Problem(Severity.ERROR, code, file, at.line(), at.column(), message, help));
  }

  public void warning(String code, String file, Position at, String message, @Nullable String help) {
    problems.add(new Problem(Severity.WARNING, code, file, at.line(), at.column(), message, help));
  }

  public void add(Problem problem) {
    problems.add(problem);
  }

  public void addAll(List<Problem> more) {
    problems.addAll(more);
  }

  public boolean hasErrors() {
    for (Problem problem : problems) {
      if (problem.isError()) {
        return true;
      }
    }
    return false;
  }

  public int errorCount() {
    int count = 0;
    for (Problem problem : problems) {
      if (problem.isError()) {
        count++;
      }
    }
    return count;
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }
}
