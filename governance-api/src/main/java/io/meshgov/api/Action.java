package io.meshgov.api;

import java.util.Locale;
import java.util.Optional;

/** What a request wants to do with a data product. {@link #READ} is the default. */
public enum Action {
  READ,
  EXPORT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Action> fromWireName(String name) {
    return WireNames.find(values(), name, Action::wireName);
  }
}
