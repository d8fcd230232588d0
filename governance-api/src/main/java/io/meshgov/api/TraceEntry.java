package io.meshgov.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of the product's plan in an explanation: its status and why. {@code column} names the
 * column an evaluated column rule (a deny or mask with {@code match.columns}) was evaluated for;
 * such a rule has an entry per requested column it matches. {@code matchedColumns} names every
 * column of the product a column rule matches, requested columns first (in request order), then
 * the others (in catalog order), on each of its entries; it is empty for other rules.
 */
public record TraceEntry(RuleReference rule, String kind, @Nullable String column, TraceStatus status, String why,
    List<String> matchedColumns) {
  public TraceEntry {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(why, "why");
    matchedColumns = List.copyOf(matchedColumns);
  }

  /** An evaluated rule: {@link TraceStatus#APPLIES} or {@link TraceStatus#SKIPPED}, without matched columns. */
  public TraceEntry(RuleReference rule, String kind, @Nullable String column, boolean applied, String why) {
    this(rule, kind, column, applied ? TraceStatus.APPLIES : TraceStatus.SKIPPED, why, List.of());
  }

  /** Whether the rule applied: {@link TraceStatus#APPLIES}. */
  public boolean applied() {
    return status == TraceStatus.APPLIES;
  }
}
