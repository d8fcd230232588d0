package io.meshgov.engine.internal.validate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the dates and timestamps of policy files: a date means 00:00 UTC of that day. */
public final class Instants {
  private Instants() {}

  public static Optional<Instant> parse(String text) {
    String value = text.trim();
    try {
      if (value.length() == 10) {
        return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      String iso = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + 'T' + value.substring(11) : value;
      if (iso.endsWith("Z") || iso.endsWith("z")) {
        return Optional.of(Instant.parse(iso.substring(0, iso.length() - 1) + 'Z'));
      }
      return Optional.of(OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
