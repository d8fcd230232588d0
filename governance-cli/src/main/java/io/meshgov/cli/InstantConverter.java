package io.meshgov.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An instant given on the command line as a request's {@code at} is written
 * (docs/request-and-decision.md): a timestamp with {@code Z} or an offset, or a date, read as
 * 00:00 UTC of that day. The engine's own reader is internal, so the CLI reads the same two forms
 * here.
 */
final class InstantConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /**
   * The one reader of instants on the command line, for options picocli converts and for those a
   * command reads itself.
   *
   * @throws IllegalArgumentException naming both accepted forms
   */
  static Instant parse(String text) {
    String value = text.strip();
    try {
      if (value.length() == "2026-11-24".length()) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a date or timestamp; write e.g. 2026-11-24 "
          + "or 2026-11-24T10:00:00Z");
    }
  }
}
