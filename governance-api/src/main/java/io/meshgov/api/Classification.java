package io.meshgov.api;

import java.util.Locale;
import java.util.Optional;

/** Sensitivity of a data product, least sensitive first: {@code public < internal < restricted < confidential}. */
public enum Classification {
  PUBLIC,
  INTERNAL,
  RESTRICTED,
  CONFIDENTIAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Classification> fromWireName(String name) {
    return WireNames.find(values(), name, Classification::wireName);
  }
}
