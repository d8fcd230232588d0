package io.meshgov.engine.internal.opa;

/**
 * Why an OPA-backed policy set gave no usable answer. {@code cause} is for people: the deny reason
 * carries it. {@code summary} is what the decision's and audit record's {@code opa} entry carries:
 * the kind and fixed codes only (an HTTP status, OPA's error code, meshgov's problem codes), never
 * text from OPA's answer, which could quote input values into the audit log (docs/audit-format.md). The kind
 * decides what follows: whether the call is retried, whether it counts against the circuit
 * breaker, whether a stale answer may stand in. Whatever the kind, the request is denied.
 */
record Failure(Kind kind, String cause, String summary) implements OpaClient.Outcome {
  /** A failure whose summary is its kind alone. */
  Failure(Kind kind, String cause) {
    this(kind, cause, kind.wireName());
  }

  enum Kind {
    /** No OPA URL configured. */
    NOT_CONFIGURED(false, false, false),
    /** Connection refused, reset or closed early: nothing was evaluated, so a retry is safe. */
    UNREACHABLE(true, true, true),
    /**
     * The TLS handshake failed: an untrusted or mismatched certificate, most often. Another attempt
     * would fail the same way, so it is not retried; OPA cannot be reached safely, which the
     * breaker counts.
     */
    TLS(false, true, true),
    /** No answer before the deadline or the read timeout. */
    TIMEOUT(false, true, true),
    /** HTTP 429, 502, 503 or 504: OPA or a proxy before it is overloaded or restarting. */
    OVERLOADED(true, true, true),
    /** The circuit breaker is open: OPA failed too often just now. */
    BREAKER_OPEN(false, false, true),
    /** Any other HTTP error; 5xx means the policy failed to evaluate (a conflict, say). */
    HTTP_ERROR(false, false, false),
    /** The body is not OPA's JSON envelope. */
    MALFORMED(false, false, false),
    /** The result breaks docs/opa.md: unknown column, method, effect or field, a filter that does not check. */
    INVALID_RESULT(false, false, false);

    /** The kind as the {@code error} of an {@code opa} entry names it: {@code breaker-open}, say. */
    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private final boolean retryable;
    private final boolean unreachable;
    private final boolean staleAllowed;

    Kind(boolean retryable, boolean unreachable, boolean staleAllowed) {
      this.retryable = retryable;
      this.unreachable = unreachable;
      this.staleAllowed = staleAllowed;
    }

    /** Whether another attempt may succeed and cannot do harm: nothing was evaluated. */
    boolean retryable() {
      return retryable;
    }

    /** Whether it says OPA cannot be reached, which is what the circuit breaker counts. */
    boolean unreachable() {
      return unreachable;
    }

    /**
     * Whether the last good answer may stand in: only when OPA could not answer, never when it
     * answered wrongly, which a stale answer would hide.
     */
    boolean staleAllowed() {
      return staleAllowed;
    }
  }
}
