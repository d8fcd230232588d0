package io.meshgov.api;

import java.util.Objects;

/** A product-level rule that decided the request, or {@link RuleReference#NO_PERMIT}. */
public record Reason(RuleReference rule, Effect effect, String message) {
  public Reason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(message, "message");
  }
}
