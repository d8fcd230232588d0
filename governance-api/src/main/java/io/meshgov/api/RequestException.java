package io.meshgov.api;

import java.util.List;

/** A malformed request, or one naming an unknown product or column: an error, not a deny. */
public final class RequestException extends GovernanceException {
  private static final long serialVersionUID = 1L;

  public RequestException(List<Problem> problems) {
    super("invalid request", problems);
  }
}
