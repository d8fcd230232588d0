package io.meshgov.api;

import java.util.Objects;

/**
 * Whether a rule of the bundle applied in at least one PolicyTest case: it was among the case's
 * decision's {@link Decision#appliedRules()}.
 *
 * @param rule the rule and where it is written
 * @param applied whether some case's decision applied it
 * @param inForceAtSomeCase whether its policy set version was in force at the time of at least one
 *     case's decision; when false, no case could have applied it, and a case with a matching {@code
 *     at} is what is missing
 */
public record RuleCoverage(RuleInfo rule, boolean applied, boolean inForceAtSomeCase) {
  public RuleCoverage {
    Objects.requireNonNull(rule, "rule");
  }
}
