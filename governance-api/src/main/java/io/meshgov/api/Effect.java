package io.meshgov.api;

import java.util.Locale;

/** The outcome of a request as a whole. */
public enum Effect {
  PERMIT,
  DENY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
