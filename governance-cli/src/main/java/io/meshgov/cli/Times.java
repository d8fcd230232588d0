package io.meshgov.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Instants on the command line: a timestamp with its offset, or a date read as 00:00 UTC, as in requests. */
final class Times {
  private Times() {}

  static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notATimestamp) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new IllegalArgumentException("'" + text + "' is neither a timestamp (2026-11-24T10:00:00Z) nor a date"
            + " (2026-11-24)");
      }
    }
  }
}
