package io.meshgov.api;

import java.util.List;

/** A subjects file had errors and was not loaded; a running caller keeps its previous directory. */
public final class SubjectsRejectedException extends GovernanceException {
  private static final long serialVersionUID = 1L;

  public SubjectsRejectedException(List<Problem> problems) {
    super("subjects file rejected: " + problems.stream().filter(Problem::isError).count() + " error(s)", problems);
  }
}
