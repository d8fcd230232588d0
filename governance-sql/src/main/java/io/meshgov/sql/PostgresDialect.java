package io.meshgov.sql;

/** PostgreSQL: {@code text}, {@code timestamptz}, UTF8 databases. */
final class PostgresDialect extends Dialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  String typeName(ParameterType type) {
    switch (type) {
      case STRING:
        return "text";
      case INTEGER:
        return "bigint";
      case DOUBLE:
        return "double precision";
      case BOOLEAN:
        return "boolean";
      case TIMESTAMP:
        return "timestamptz";
      default:
        throw new AssertionError(type);
    }
  }

  /**
   * An escape string ({@code E'…'}) reads the same whatever {@code standard_conforming_strings}
   * says; every character outside a small plain set is a {@code \\u} or {@code \\U} escape, so a
   * quote, a backslash or a newline never stands in the text.
   */
  @Override
  String stringLiteral(String text) {
    if (isPlain(text)) {
      return "'" + text + "'";
    }
    StringBuilder out = new StringBuilder("E'");
    text.codePoints().forEach(codePoint -> {
      if (codePoint == 0) {
        throw new IllegalArgumentException("PostgreSQL text cannot hold the character U+0000");
      }
      if (isPlain(codePoint)) {
        out.appendCodePoint(codePoint);
      } else if (codePoint <= 0xFFFF) {
        out.append(String.format("\\u%04X", codePoint));
      } else {
        out.append(String.format("\\U%08X", codePoint));
      }
    });
    return out.append('\'').toString();
  }

  @Override
  String timestampLiteral(String text) {
    return "CAST('" + text + "+00' AS timestamptz)";
  }

  @Override
  Sql sha256Hex(Sql salt, Sql text) {
    return Sql.of("encode(sha256(convert_to(", salt, " || ", text, ", 'UTF8')), 'hex')");
  }

  /** From the year number, so the session's time zone never enters. */
  @Override
  Sql yearOfDate(Sql date) {
    return Sql.of("make_date(CAST(extract(year FROM ", date, ") AS integer), 1, 1)");
  }

  @Override
  Sql yearOfTimestamp(Sql timestamp) {
    return Sql.of("(date_trunc('year', ", timestamp, " AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')");
  }

  @Override
  String epochTimestamp() {
    return "CAST('1970-01-01 00:00:00+00' AS timestamptz)";
  }

  @Override
  Sql dateAsInstant(Sql date) {
    return Sql.of("(CAST(", date, " AS timestamp) AT TIME ZONE 'UTC')");
  }

  @Override
  String wideIntegerType() {
    return "numeric";
  }

  /** The database's collation may order linguistically; "C" orders by UTF-8 bytes, i.e. code points. */
  @Override
  Sql byCodePoint(Sql text) {
    return Sql.of("(", text, " COLLATE \"C\")");
  }
}
