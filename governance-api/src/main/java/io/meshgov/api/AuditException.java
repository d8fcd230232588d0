package io.meshgov.api;

/** An audit record could not be written; the decision it belongs to must not be used. */
public final class AuditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
