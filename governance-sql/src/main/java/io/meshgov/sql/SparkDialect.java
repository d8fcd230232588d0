package io.meshgov.sql;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Spark SQL 4: {@code STRING}, {@code TIMESTAMP} (an instant shown in the session's zone). Nothing
 * here reads the session time zone, and nothing depends on ANSI mode or on how string literals
 * treat backslashes.
 */
final class SparkDialect extends Dialect {
  static final SparkDialect INSTANCE = new SparkDialect();

  private SparkDialect() {}

  @Override
  String quoteIdentifier(String name) {
    return '`' + name.replace("`", "``") + '`';
  }

  @Override
  String typeName(ParameterType type) {
    switch (type) {
      case STRING:
        return "STRING";
      case INTEGER:
        return "BIGINT";
      case DOUBLE:
        return "DOUBLE";
      case BOOLEAN:
        return "BOOLEAN";
      case TIMESTAMP:
        return "TIMESTAMP";
      default:
        throw new AssertionError(type);
    }
  }

  /**
   * Whether a backslash escapes in a Spark literal is a session setting
   * ({@code spark.sql.parser.escapedStringLiterals}), so text that is not plain is written as its
   * UTF-8 bytes in hex, decoded by the engine: no character of it stands in the SQL.
   */
  @Override
  String stringLiteral(String text) {
    if (isPlain(text)) {
      return "'" + text + "'";
    }
    String hex = HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
    return "decode(unhex('" + hex + "'), 'UTF-8')";
  }

  @Override
  String timestampLiteral(String text) {
    return "TIMESTAMP '" + text + "Z'";
  }

  @Override
  Sql position(Sql needle, Sql text) {
    return Sql.of("instr(", text, ", ", needle, ")");
  }

  @Override
  Sql afterLastAt(Sql text) {
    return Sql.of("substring_index(", text, ", '@', -1)");
  }

  @Override
  Sql sha256Hex(Sql salt, Sql text) {
    return Sql.of("sha2(", salt, " || ", text, ", 256)");
  }

  @Override
  Sql yearOfDate(Sql date) {
    return Sql.of("trunc(", date, ", 'YEAR')");
  }

  /**
   * Spark truncates timestamps in the session's zone; going through the UTC day number
   * ({@code floor(seconds / 86400)}, exact in a double for every representable year) and the
   * zone-free DATE type keeps the UTC year whatever the session says.
   */
  @Override
  Sql yearOfTimestamp(Sql timestamp) {
    return Sql.of(
        "timestamp_seconds(CAST(unix_date(trunc(date_from_unix_date(CAST(floor(unix_seconds(",
        timestamp,
        ") / 86400) AS INT)), 'YEAR')) AS BIGINT) * 86400)");
  }

  @Override
  String epochTimestamp() {
    return "timestamp_seconds(0)";
  }

  @Override
  Sql dateAsInstant(Sql date) {
    return Sql.of("timestamp_seconds(CAST(unix_date(", date, ") AS BIGINT) * 86400)");
  }

  @Override
  Sql startsWith(Sql text, Sql prefix) {
    return Sql.of("startswith(", text, ", ", prefix, ")");
  }

  @Override
  Sql endsWith(Sql text, Sql suffix) {
    return Sql.of("endswith(", text, ", ", suffix, ")");
  }

  /** Spark's {@code /} always divides as a fraction; {@code div} truncates. */
  @Override
  Sql integerDivide(Sql dividend, Sql divisor) {
    return Sql.of("(", dividend, " div ", divisor, ")");
  }

  @Override
  String wideIntegerType() {
    return "DECIMAL(38, 0)";
  }
}
