package io.meshgov.api;

import java.util.Locale;
import java.util.Optional;

/** What happens to rows past a retention maximum. */
public enum RetentionAction {
  DELETE,
  ARCHIVE,
  ANONYMIZE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RetentionAction> fromWireName(String name) {
    return WireNames.find(values(), name, RetentionAction::wireName);
  }
}
