package io.meshgov.api;

import java.time.Instant;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/**
 * The effective retention of a permitted request (docs/combining.md, step 4). {@code cutoff} is present
 * when a maximum is in force without conflict or legal hold: rows whose {@code basis} is older
 * must not be read. With {@code conflict}, both bounds are reported and the minimum is kept.
 */
public record RetentionObligation(
    @Nullable String basis,
    @Nullable Period minimum,
    @Nullable Period maximum,
    @Nullable RetentionAction action,
    @Nullable Instant cutoff,
    boolean conflict,
    boolean legalHold) {

  public RetentionObligation {
    if (cutoff != null && (maximum == null || conflict || legalHold)) {
      throw new IllegalArgumentException("a cutoff needs a maximum without conflict or legal hold");
    }
  }
}
