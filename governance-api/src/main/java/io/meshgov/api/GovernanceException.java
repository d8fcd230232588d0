package io.meshgov.api;

import java.util.List;

/** Base of the exceptions that carry every {@link Problem} found, not only the first. */
public class GovernanceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<Problem> problems;

  public GovernanceException(String summary, List<Problem> problems) {
    super(summary + describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    StringBuilder text = new StringBuilder();
    for (Problem problem : problems) {
      text.append(System.lineSeparator()).append(problem.format());
    }
    return text.toString();
  }
}
