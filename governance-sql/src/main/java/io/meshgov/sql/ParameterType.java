package io.meshgov.sql;

import java.util.Locale;

/**
 * The type of a bind parameter, with the Java class of its value: a gateway binds it with the
 * matching JDBC setter.
 */
public enum ParameterType {
  /** {@link String}: {@code setString}. */
  STRING(String.class),
  /** {@link Long}: {@code setLong}. */
  INTEGER(Long.class),
  /** {@link Double} (CEL's {@code double}): {@code setDouble}. */
  DOUBLE(Double.class),
  /** {@link Boolean}: {@code setBoolean}. */
  BOOLEAN(Boolean.class),
  /**
   * {@link java.time.Instant}: bind it as a timestamp with time zone, never through {@code
   * java.sql.Timestamp}, which passes through the JVM's zone. PostgreSQL's driver takes {@code
   * setObject(i, instant.atOffset(ZoneOffset.UTC))}, Trino's {@code setObject(i, instant)}, Spark's
   * {@code spark.sql(text, args)} the instant itself (docs/sql.md).
   */
  TIMESTAMP(java.time.Instant.class);

  private final Class<?> valueClass;

  ParameterType(Class<?> valueClass) {
    this.valueClass = valueClass;
  }

  public Class<?> valueClass() {
    return valueClass;
  }

  /** The name in JSON output: {@code string}, {@code integer}, {@code double}, {@code boolean}, {@code timestamp}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
