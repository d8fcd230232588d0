package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** {@code year} on a date column: January 1st of the value's year. */
final class YearOfDateMask implements MaskFunction {
  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate date) {
      return date.withDayOfYear(1);
    }
    throw ValueTypes.wrongType(ColumnType.DATE, value);
  }

  @Override
  public String toString() {
    return "MaskFunction[year on date]";
  }
}
