package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.RetentionObligation;
import io.meshgov.engine.internal.compile.CompiledRule;
import io.meshgov.engine.internal.validate.Retention;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/combining.md, step 4. Periods compare by the instant they reach back to from {@code at} in UTC
 * calendar arithmetic: P1M and P30D differ by date. Rules arrive in tie-break order, so the first
 * of equally long periods wins.
 */
final class RetentionCombiner {
  private RetentionCombiner() {}

  static CombinedRetention combine(List<CompiledRule> rules, Instant at) {
    if (rules.isEmpty()) {
      return CombinedRetention.NONE;
    }
    CompiledRule minimumRule = null;
    Instant minimumReach = null;
    CompiledRule maximumRule = null;
    Instant maximumReach = null;
    List<CompiledRule> legalHolds = new ArrayList<>(0);
    for (CompiledRule rule : rules) {
      Retention retention = rule.retention();
      if (retention.legalHold()) {
        legalHolds.add(rule);
      }
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
    boolean legalHold = !legalHolds.isEmpty();
    if (legalHold) {
      // a legal hold removes the maximum, and so the rule that set it
      maximumRule = null;
    }
    Period minimum = minimumRule == null ? null : minimumRule.retention().minimum();
    Period maximum = maximumRule == null ? null : maximumRule.retention().maximum();
    CompiledRule source = maximum != null ? maximumRule : minimumRule;
    Retention from = source == null ? null : source.retention();
    boolean conflict = maximum != null && minimum != null && minimumReach.isBefore(maximumReach);
    Instant cutoff = maximum != null && !conflict ? maximumReach : null;
    RetentionObligation obligation = new RetentionObligation(from == null ? null : from.basis(), minimum, maximum,
        from == null ? null : from.action(), cutoff, conflict, legalHold, from == null ? List.of() : from.anonymize());
    return new CombinedRetention(obligation, maximumRule, minimumRule, legalHolds, rules);
  }

  static Instant reachBack(Instant at, Period period) {
    return at.atOffset(ZoneOffset.UTC).minus(period).toInstant();
  }
}
