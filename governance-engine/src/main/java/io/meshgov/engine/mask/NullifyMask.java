package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * {@code nullify}: {@code null} for every value. The value's class is still checked, so that a
 * caller passing the wrong type learns it whichever method a column gets.
 */
final class NullifyMask implements MaskFunction {
  private final ColumnType type;

  NullifyMask(ColumnType type) {
    this.type = type;
  }

  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    ValueTypes.check(type, value);
    return null;
  }

  @Override
  public String toString() {
    return "MaskFunction[nullify on " + type.wireName() + "]";
  }
}
