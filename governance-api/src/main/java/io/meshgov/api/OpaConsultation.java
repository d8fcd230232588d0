package io.meshgov.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One policy set evaluated by Open Policy Agent for a decision (docs/opa.md): which set and version,
 * OPA's {@code decision_id} when it sent one (to join with OPA's decision logs), whether the answer
 * came from meshgov's cache, and whether it was a stale answer used because OPA could not be
 * reached. {@code error} is set when no answer could be used; the decision is then a deny.
 */
public record OpaConsultation(
    String policySet,
    String version,
    @Nullable String decisionId,
    boolean cached,
    boolean stale,
    @Nullable String error) {

  public OpaConsultation {
    Objects.requireNonNull(policySet, "policySet");
    Objects.requireNonNull(version, "version");
    if (error != null && (cached || stale)) {
      throw new IllegalArgumentException("a failed consultation has no cached or stale answer");
    }
  }

  public boolean failed() {
    return error != null;
  }
}
