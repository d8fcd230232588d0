package io.meshgov.cli;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One difference, in data terms, between what the base bundle and the proposed bundle decide for a
 * subject on a product: what it is, before and after, whether it loosens or tightens access, and
 * the rules responsible on each side. Equal changes of different requests (other purposes, other
 * actions) are one {@code ImpactChange}; {@link ImpactReport} collects where each occurs.
 */
record ImpactChange(
    String product,
    String subject,
    Kind kind,
    @Nullable String column,
    String before,
    String after,
    Direction direction,
    List<String> baseRules,
    List<String> newRules) {

  ImpactChange {
    baseRules = List.copyOf(baseRules);
    newRules = List.copyOf(newRules);
  }

  /** What changed. */
  enum Kind {
    PRODUCT,
    ACCESS,
    COLUMN,
    ROW_FILTER,
    RETENTION;

    String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Whether someone may see more ({@code loosened}) or less ({@code tightened}) than before. */
  enum Direction {
    LOOSENED,
    TIGHTENED;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code column customer_email}, {@code access}, {@code row filter}, … */
  String what() {
    switch (kind) {
      case COLUMN:
        return "column " + column;
      case ROW_FILTER:
        return "row filter";
      default:
        return kind.wireName();
    }
  }
}
