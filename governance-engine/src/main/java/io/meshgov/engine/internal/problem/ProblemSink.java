package io.meshgov.engine.internal.problem;

import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  /** How many problems have been reported so far: a mark for {@link #acknowledge}. */
  public int size() {
    return problems.size();
  }

  /**
   * Removes the warnings reported since {@code mark} whose code is in {@code codes}, since their
   * author acknowledged them; returns the codes that removed at least one.
   */
  public Set<String> acknowledge(int mark, Set<String> codes) {
    Set<String> used = new HashSet<>();
    for (int i = problems.size() - 1; i >= mark; i--) {
      Problem problem = problems.get(i);
      if (!problem.isError() && codes.contains(problem.code())) {
        used.add(problem.code());
        problems.remove(i);
      }
    }
    return used;
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
