package io.meshgov.api;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The effective retention of a permitted request (docs/combining.md, step 4). {@code cutoff} is present
 * when a maximum is in force without conflict or legal hold: rows whose {@code basis} is older
 * must not be read. With {@code conflict}, both bounds are reported and the minimum is kept.
 * {@code anonymize} holds the tags whose columns {@code action: anonymize} clears, from the rule
 * that sets the action; it is empty for any other action.
 */
public record RetentionObligation(
    @Nullable String basis,
    @Nullable Period minimum,
    @Nullable Period maximum,
    @Nullable RetentionAction action,
    @Nullable Instant cutoff,
    boolean conflict,
    boolean legalHold,
    List<String> anonymize) {

  public RetentionObligation {
    anonymize = List.copyOf(anonymize);
    if (cutoff != null && (maximum == null || conflict || legalHold)) {
      throw new IllegalArgumentException("a cutoff needs a maximum without conflict or legal hold");
    }
  }

  /** An obligation without anonymize tags: for every action but {@code anonymize}. */
  public RetentionObligation(@Nullable String basis, @Nullable Period minimum, @Nullable Period maximum,
      @Nullable RetentionAction action, @Nullable Instant cutoff, boolean conflict, boolean legalHold) {
    this(basis, minimum, maximum, action, cutoff, conflict, legalHold, List.of());
  }

  /**
   * The read-time row filter the cutoff imposes, {@code <basis> >= timestamp('<cutoff>')}
   * (docs/combining.md, step 4): what decisions carry as rule {@code retention}, and what the
   * retention job negates to find the rows it removes. Empty without a cutoff.
   */
  public java.util.Optional<String> cutoffFilter() {
    return cutoff == null ? java.util.Optional.empty()
        : java.util.Optional.of(basis + " >= timestamp('" + cutoff + "')");
  }
}
