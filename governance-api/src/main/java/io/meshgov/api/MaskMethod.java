package io.meshgov.api;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Mask methods in order of restrictiveness, least restrictive first (docs/policy-language.md). {@link #compareTo}
 * is that order.
 */
public enum MaskMethod {
  /** Shows {@code showFirst} and {@code showLast} code points, masks the rest with {@code maskChar}. */
  PARTIAL(Set.of("showFirst", "showLast", "maskChar")),
  /** Replaces everything before the last {@code @} by {@code ****}. */
  EMAIL(Set.of()),
  /** Truncates a date or timestamp to January 1st 00:00 UTC of its year. */
  YEAR(Set.of()),
  /** Lowercase hex SHA-256 of the optional {@code salt} followed by the UTF-8 value. */
  HASH(Set.of("salt")),
  /** Replaces the value by {@code replacement}. */
  REDACT(Set.of("replacement")),
  /** The type's default value: {@code ''}, 0, 0.0, false, 1970-01-01. */
  DEFAULT(Set.of()),
  /** Null. */
  NULLIFY(Set.of());

  private final Set<String> parameterNames;

  MaskMethod(Set<String> parameterNames) {
    this.parameterNames = parameterNames;
  }

  /** The names of the parameters this method accepts; empty for methods without parameters. */
  public Set<String> parameterNames() {
    return parameterNames;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this method can mask a value of {@code type} without changing its type. */
  public boolean appliesTo(ColumnType type) {
    switch (this) {
      case PARTIAL:
      case EMAIL:
      case HASH:
      case REDACT:
        return type == ColumnType.STRING;
      case YEAR:
        return type.isTemporal();
      default:
        return true;
    }
  }

  /**
   * The method a column of {@code type} actually gets when this method wins: this one if it
   * applies, else the next one down the table that does.
   */
  public MaskMethod escalatedFor(ColumnType type) {
    MaskMethod[] all = values();
    for (int i = ordinal(); i < all.length; i++) {
      if (all[i].appliesTo(type)) {
        return all[i];
      }
    }
    throw new AssertionError("nullify applies to every type");
  }

  public static Optional<MaskMethod> fromWireName(String name) {
    return WireNames.find(values(), name, MaskMethod::wireName);
  }
}
