package io.meshgov.sql;

/** Trino: {@code varchar}, {@code timestamp(p) with time zone}. */
final class TrinoDialect extends Dialect {
  static final TrinoDialect INSTANCE = new TrinoDialect();

  private TrinoDialect() {}

  @Override
  String typeName(ParameterType type) {
    switch (type) {
      case STRING:
        return "varchar";
      case INTEGER:
        return "bigint";
      case DOUBLE:
        return "double";
      case BOOLEAN:
        return "boolean";
      case TIMESTAMP:
        return "timestamp(9) with time zone";
      default:
        throw new AssertionError(type);
    }
  }

  /** A Unicode string ({@code U&'…'}): every character outside a small plain set is an escape. */
  @Override
  String stringLiteral(String text) {
    if (isPlain(text)) {
      return "'" + text + "'";
    }
    StringBuilder out = new StringBuilder("U&'");
    text.codePoints().forEach(codePoint -> {
      if (isPlain(codePoint)) {
        out.appendCodePoint(codePoint);
      } else if (codePoint <= 0xFFFF) {
        out.append(String.format("\\%04X", codePoint));
      } else {
        out.append(String.format("\\+%06X", codePoint));
      }
    });
    return out.append('\'').toString();
  }

  @Override
  String timestampLiteral(String text) {
    return "TIMESTAMP '" + text + " UTC'";
  }

  @Override
  Sql charLength(Sql text) {
    return Sql.of("length(", text, ")");
  }

  /** Trino has no repeat() for strings: padding the empty string with the unit is the same. */
  @Override
  Sql repeat(Sql unit, Sql count) {
    return Sql.of("lpad('', ", count, ", ", unit, ")");
  }

  @Override
  Sql sha256Hex(Sql salt, Sql text) {
    return Sql.of("lower(to_hex(sha256(to_utf8(", salt, " || ", text, "))))");
  }

  @Override
  Sql yearOfDate(Sql date) {
    return Sql.of("date_trunc('year', ", date, ")");
  }

  @Override
  Sql yearOfTimestamp(Sql timestamp) {
    return Sql.of("date_trunc('year', ", timestamp, " AT TIME ZONE 'UTC')");
  }

  @Override
  String epochTimestamp() {
    return "TIMESTAMP '1970-01-01 00:00:00 UTC'";
  }

  @Override
  Sql dateAsInstant(Sql date) {
    return Sql.of("with_timezone(CAST(", date, " AS timestamp(0)), 'UTC')");
  }

  @Override
  String wideIntegerType() {
    return "decimal(38, 0)";
  }

  /** Trino compares doubles as IEEE 754 does, as CEL does. */
  @Override
  boolean ordersNaN() {
    return false;
  }
}
