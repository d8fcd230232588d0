package io.meshgov.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule considered for a decision: whether it applied and why. {@code column} names the column
 * for column-level rules.
 */
public record TraceEntry(RuleReference rule, String kind, @Nullable String column, boolean applied, String why) {
  public TraceEntry {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(why, "why");
  }
}
