package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import org.jspecify.annotations.Nullable;

/** {@code redact}: the replacement, for every string. */
final class RedactMask implements MaskFunction {
  private final String replacement;

  RedactMask(String replacement) {
    this.replacement = replacement;
  }

  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof CharSequence)) {
      throw ValueTypes.wrongType(ColumnType.STRING, value);
    }
    return replacement;
  }

  @Override
  public String toString() {
    return "MaskFunction[redact replacement=" + replacement + " on string]";
  }
}
