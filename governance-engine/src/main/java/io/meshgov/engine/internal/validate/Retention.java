package io.meshgov.engine.internal.validate;

import io.meshgov.api.RetentionAction;
import java.time.Period;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A retention rule's bounds, or a legal hold; {@code anonymize} holds the tags whose columns {@code
 * action: anonymize} clears, and is empty for any other action.
 */
public record Retention(
    @Nullable String basis,
    @Nullable Period minimum,
    @Nullable Period maximum,
    @Nullable RetentionAction action,
    boolean legalHold,
    List<String> anonymize) {

  public Retention {
    anonymize = List.copyOf(anonymize);
  }
}
