package io.meshgov.api;

import java.util.Locale;

/** What a permitted request may do with one column. */
public enum ColumnEffect {
  ALLOW,
  MASK,
  DENY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
