package io.meshgov.engine.mask;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * {@code partial}: keeps {@code showFirst} and {@code showLast} code points of a string and
 * replaces every other code point by {@code maskChar}, so the length in code points is kept.
 */
final class PartialMask implements MaskFunction {
  private final int showFirst;
  private final int showLast;
  private final String maskChar;

  /** Whether the mask is a single char (a BMP code point, the common case): then maskUnit. */
  private final boolean singleUnit;

  private final char maskUnit;

  PartialMask(int showFirst, int showLast, String maskChar) {
    this.showFirst = showFirst;
    this.showLast = showLast;
    this.maskChar = maskChar;
    this.singleUnit = maskChar.length() == 1;
    this.maskUnit = maskChar.charAt(0);
  }

  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    String text = ValueTypes.string(value);
    int length = text.length();
    int codePoints = text.codePointCount(0, length);
    if (codePoints <= (long) showFirst + showLast) {
      return masked(codePoints);
    }
    int headEnd = text.offsetByCodePoints(0, showFirst);
    int tailStart = text.offsetByCodePoints(length, -showLast);
    int hidden = codePoints - showFirst - showLast;
    long capacity = headEnd + (long) (length - tailStart) + (long) hidden * maskChar.length();
    StringBuilder result = new StringBuilder((int) Math.min(capacity, Integer.MAX_VALUE - 8));
    result.append(text, 0, headEnd);
    appendMask(result, hidden);
    result.append(text, tailStart, length);
    return result.toString();
  }

  private String masked(int codePoints) {
    if (singleUnit) {
      char[] chars = new char[codePoints];
      Arrays.fill(chars, maskUnit);
      return new String(chars);
    }
    return maskChar.repeat(codePoints);
  }

  private void appendMask(StringBuilder result, int count) {
    if (singleUnit) {
      for (int i = 0; i < count; i++) {
        result.append(maskUnit);
      }
    } else {
      for (int i = 0; i < count; i++) {
        result.append(maskChar);
      }
    }
  }

  @Override
  public String toString() {
    return "MaskFunction[partial showFirst="
        + showFirst
        + " showLast="
        + showLast
        + " maskChar="
        + maskChar
        + " on string]";
  }
}
