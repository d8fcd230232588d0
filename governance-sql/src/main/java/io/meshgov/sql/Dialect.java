package io.meshgov.sql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What differs between the SQL dialects, and nothing else: identifier quoting, type names,
 * literals, and the few functions that are spelled differently. Masks ({@link MaskSql}) and filters
 * ({@link FilterSql}) are written once against this table; every function here is null-strict (a
 * NULL argument gives NULL), which those renderers rely on.
 */
abstract class Dialect {
  /** Characters written into a string literal as they are; every other one is escaped. */
  private static final String PLAIN =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.,:@+-/=#%&*()<>!?";

  private static final DateTimeFormatter TIMESTAMP_TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.nnnnnnnnn").withZone(ZoneOffset.UTC);

  static Dialect of(SqlDialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        return PostgresDialect.INSTANCE;
      case TRINO:
        return TrinoDialect.INSTANCE;
      case SPARK:
        return SparkDialect.INSTANCE;
      default:
        throw new AssertionError(dialect);
    }
  }

  /** Double quotes, embedded ones doubled: the SQL standard's way. */
  String quoteIdentifier(String name) {
    return doubleQuoted(name);
  }

  /** The engine's type for a parameter, used in {@code CAST(? AS type)}. */
  abstract String typeName(ParameterType type);

  /** A string literal that is one value whatever {@code text} holds. */
  abstract String stringLiteral(String text);

  /** A timestamp literal, {@code text} being {@code yyyy-MM-dd HH:mm:ss.fffffffff} in UTC. */
  abstract String timestampLiteral(String text);

  /** The number of code points of a string. */
  Sql charLength(Sql text) {
    return Sql.of("char_length(", text, ")");
  }

  /** {@code count} copies of the one-code-point string {@code unit}. */
  Sql repeat(Sql unit, Sql count) {
    return Sql.of("repeat(", unit, ", ", count, ")");
  }

  /** The 1-based code-point position of the first {@code needle} in {@code text}, 0 if none. */
  Sql position(Sql needle, Sql text) {
    return Sql.of("strpos(", text, ", ", needle, ")");
  }

  /** What follows the last {@code @} of a string that has one: the first part of it reversed. */
  Sql afterLastAt(Sql text) {
    return Sql.of("reverse(split_part(reverse(", text, "), '@', 1))");
  }

  /** Lowercase hex SHA-256 of the UTF-8 of {@code salt || text}. */
  abstract Sql sha256Hex(Sql salt, Sql text);

  /** January 1st of a date's year, a date. */
  abstract Sql yearOfDate(Sql date);

  /** January 1st 00:00 UTC of an instant's UTC year, of the instant's own type. */
  abstract Sql yearOfTimestamp(Sql timestamp);

  /** The instant 1970-01-01T00:00:00Z. */
  abstract String epochTimestamp();

  /** A date column as the instant of its 00:00 UTC, as CEL sees it. */
  abstract Sql dateAsInstant(Sql date);

  Sql startsWith(Sql text, Sql prefix) {
    return Sql.of("starts_with(", text, ", ", prefix, ")");
  }

  /** A suffix is a prefix of the reversed string, reversed. */
  Sql endsWith(Sql text, Sql suffix) {
    return Sql.of("starts_with(reverse(", text, "), reverse(", suffix, "))");
  }

  /** Integer division truncating toward zero, as CEL's {@code int / int}. */
  Sql integerDivide(Sql dividend, Sql divisor) {
    return Sql.of("(", dividend, " / ", divisor, ")");
  }

  /** A decimal type wide enough for any sum, difference or product of two 64-bit integers. */
  abstract String wideIntegerType();

  /**
   * Whether the engine orders NaN as a number (above every other, and equal to itself), as
   * PostgreSQL and Spark do; CEL follows IEEE 754, where every comparison with NaN but {@code !=} is
   * false.
   */
  boolean ordersNaN() {
    return true;
  }

  /** A string operand of {@code < <= > >=}, compared by code point as CEL does. */
  Sql byCodePoint(Sql text) {
    return text;
  }

  String literal(SqlParameter parameter) {
    Object value = parameter.value();
    switch (parameter.type()) {
      case STRING:
        return stringLiteral(withoutLoneSurrogates((String) value));
      case INTEGER:
        return "CAST(" + value + " AS " + typeName(ParameterType.INTEGER) + ")";
      case DOUBLE:
        // through a string, so NaN and the infinities are literals too
        return "CAST('" + value + "' AS " + typeName(ParameterType.DOUBLE) + ")";
      case BOOLEAN:
        return ((Boolean) value) ? "TRUE" : "FALSE";
      case TIMESTAMP:
        return timestampLiteral(TIMESTAMP_TEXT.format((Instant) value));
      default:
        throw new AssertionError(parameter.type());
    }
  }

  /** The characters of {@code text} that may stand in a literal unescaped. */
  static boolean isPlain(int codePoint) {
    return codePoint < 128 && PLAIN.indexOf(codePoint) >= 0;
  }

  static boolean isPlain(String text) {
    return text.codePoints().allMatch(Dialect::isPlain);
  }

  /**
   * An unpaired surrogate has no UTF-8 form; Java writes it as {@code ?} (as the Java mask and
   * every JDBC driver do), so a literal does too.
   */
  static String withoutLoneSurrogates(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  static String doubleQuoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
