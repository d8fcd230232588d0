package io.meshgov.engine.mask;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** {@code year} on a timestamp column: January 1st 00:00:00 UTC of the value's UTC year. */
final class YearOfTimestampMask implements MaskFunction {
  private static final long SECONDS_PER_DAY = 86_400;

  /** Days in 400 Gregorian years; the calendar repeats with this period. */
  private static final long DAYS_PER_CYCLE = 146_097;

  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    long epochDay = Math.floorDiv(ValueTypes.epochSecond(value), SECONDS_PER_DAY);
    // Instant reaches years LocalDate cannot hold; the day of the year is the same 400 years on,
    // so read it from a date folded into 1970..2369.
    int dayOfYear = LocalDate.ofEpochDay(Math.floorMod(epochDay, DAYS_PER_CYCLE)).getDayOfYear();
    return Instant.ofEpochSecond((epochDay - dayOfYear + 1) * SECONDS_PER_DAY);
  }

  @Override
  public String toString() {
    return "MaskFunction[year on timestamp]";
  }
}
