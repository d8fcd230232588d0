package io.meshgov.api;

import java.util.Locale;
import java.util.Optional;

/** The type of a data product column, as written in a DataProduct file. */
public enum ColumnType {
  STRING,
  INTEGER,
  DECIMAL,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  /** The lower-case name used in policy files and JSON, e.g. {@code "decimal"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@code date} and {@code timestamp}, the types that may be a retention basis. */
  public boolean isTemporal() {
    return this == DATE || this == TIMESTAMP;
  }

  public static Optional<ColumnType> fromWireName(String name) {
    return WireNames.find(values(), name, ColumnType::wireName);
  }
}
