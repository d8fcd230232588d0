package io.meshgov.engine.mask;

import org.jspecify.annotations.Nullable;

/**
 * Masks one value of one column type; obtained from {@link Masks#compile}.
 *
 * <p>The functions {@link Masks} compiles are immutable and thread-safe: one instance may be shared
 * by every thread of a service for as long as its policy holds. They return {@code null} for {@code
 * null}, never change the column's type, and reject a value of the wrong Java type with an {@link
 * IllegalArgumentException} naming the column type and the value's class, never the value (values
 * may be secret).
 */
@FunctionalInterface
public interface MaskFunction {

  /**
   * Returns the masked value.
   *
   * @throws IllegalArgumentException if {@code value} is not of a Java type that the column type
   *     accepts (see {@link Masks})
   */
  @Nullable Object apply(@Nullable Object value);
}
