package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.RetentionObligation;
import io.meshgov.engine.internal.compile.CompiledRule;
import io.meshgov.engine.internal.validate.Retention;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * docs/combining.md, step 4. Periods compare by the instant they reach back to from {@code at} in UTC
 * calendar arithmetic: P1M and P30D differ by date. Rules arrive in tie-break order, so the first
 * of equally long periods wins.
 */
final class RetentionCombiner {
  private RetentionCombiner() {}

  static @Nullable RetentionObligation combine(List<CompiledRule> rules, Instant at) {
    if (rules.isEmpty()) {
      return null;
    }
    CompiledRule minimumRule = null;
    Instant minimumReach = null;
    CompiledRule maximumRule = null;
    Instant maximumReach = null;
    boolean legalHold = false;
    for (CompiledRule rule : rules) {
      Retention retention = rule.retention();
      legalHold |= retention.legalHold();
      if (retention.minimum() != null) {
        Instant reach = reachBack(at, retention.minimum());
        // the largest minimum reaches back furthest
        if (minimumReach == null || reach.isBefore(minimumReach)) {
          minimumReach = reach;
          minimumRule = rule;
        }
      }
      if (retention.maximum() != null) {
        Instant reach = reachBack(at, retention.maximum());
        // the smallest maximum reaches back least
        if (maximumReach == null || reach.isAfter(maximumReach)) {
          maximumReach = reach;
          maximumRule = rule;
        }
      }
    }
    Period minimum = minimumRule == null ? null : minimumRule.retention().minimum();
    Period maximum = legalHold || maximumRule == null ? null : maximumRule.retention().maximum();
    CompiledRule source = maximum != null ? maximumRule : minimumRule;
    Retention from = source == null ? null : source.retention();
    boolean conflict = maximum != null && minimum != null && minimumReach.isBefore(maximumReach);
    Instant cutoff = maximum != null && !conflict ? maximumReach : null;
    return new RetentionObligation(from == null ? null : from.basis(), minimum, maximum,
        from == null ? null : from.action(), cutoff, conflict, legalHold);
  }

  static Instant reachBack(Instant at, Period period) {
    return at.atOffset(ZoneOffset.UTC).minus(period).toInstant();
  }
}
