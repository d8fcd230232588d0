package io.meshgov.sql;

import java.util.Locale;
import java.util.Optional;

/** The SQL dialects meshgov renders (docs/sql.md). */
public enum SqlDialect {
  POSTGRESQL,
  TRINO,
  SPARK;

  /** The name used on the command line and in {@code bindings}: {@code postgresql}, {@code trino}, {@code spark}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SqlDialect> fromWireName(String name) {
    for (SqlDialect dialect : values()) {
      if (dialect.wireName().equals(name)) {
        return Optional.of(dialect);
      }
    }
    return Optional.empty();
  }
}
