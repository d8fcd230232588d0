package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * {@code default}: the column type's zero value for every value of the right type. The zero is
 * chosen once, when compiling.
 */
final class DefaultMask implements MaskFunction {
  private static final BigDecimal DECIMAL_DEFAULT = new BigDecimal("0.0");

  private final ColumnType type;
  private final Object result;

  DefaultMask(ColumnType type) {
    this.type = type;
    this.result = defaultValue(type);
  }

  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    ValueTypes.check(type, value);
    return result;
  }

  private static Object defaultValue(ColumnType type) {
    switch (type) {
      case STRING:
        return "";
      case INTEGER:
        return 0L;
      case DECIMAL:
        return DECIMAL_DEFAULT;
      case BOOLEAN:
        return Boolean.FALSE;
      case DATE:
        return LocalDate.EPOCH;
      case TIMESTAMP:
        return Instant.EPOCH;
      default:
        throw new AssertionError(type);
    }
  }

  @Override
  public String toString() {
    return "MaskFunction[default on " + type.wireName() + "]";
  }
}
