package io.meshgov.api;

import java.util.List;

/** A bundle had errors and was not loaded; a running engine keeps its previous bundle. */
public final class BundleRejectedException extends GovernanceException {
  private static final long serialVersionUID = 1L;

  public BundleRejectedException(List<Problem> problems) {
    super("bundle rejected: " + count(problems) + " error(s)", problems);
  }

  private static long count(List<Problem> problems) {
    return problems.stream().filter(Problem::isError).count();
  }
}
