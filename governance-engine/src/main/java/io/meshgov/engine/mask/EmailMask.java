package io.meshgov.engine.mask;

import org.jspecify.annotations.Nullable;

/** {@code email}: hides everything before the last {@code @}, whatever its length. */
final class EmailMask implements MaskFunction {
  /** Fixed, so that the mask does not reveal the local part's length. */
  private static final String LOCAL_PART = "****";

  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    String text = ValueTypes.string(value);
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return LOCAL_PART;
    }
    return new StringBuilder(LOCAL_PART.length() + text.length() - at)
        .append(LOCAL_PART)
        .append(text, at, text.length())
        .toString();
  }

  @Override
  public String toString() {
    return "MaskFunction[email on string]";
  }
}
