package io.meshgov.sql;

import java.util.Objects;

/** One bind parameter ({@code ?}) of rendered SQL: its type and value, never null. */
public record SqlParameter(ParameterType type, Object value) {
  public SqlParameter {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (!type.valueClass().isInstance(value)) {
      throw new IllegalArgumentException(
          "a " + type.wireName() + " parameter holds a " + type.valueClass().getSimpleName()
              + ", not a " + value.getClass().getName());
    }
  }

  public static SqlParameter string(String value) {
    return new SqlParameter(ParameterType.STRING, value);
  }
}
