package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.RetentionObligation;
import io.meshgov.engine.internal.compile.CompiledRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The retention rules that applied to one request and what they combine to (docs/combining.md,
 * step 4), with the rules whose bounds won: a decision carries the obligation, the retention job
 * also names the rules behind it.
 *
 * @param obligation the combined retention, null when no rule applied
 * @param maximumRule the rule that sets the effective maximum; null without one or under a legal hold
 * @param minimumRule the rule that sets the effective minimum, if any
 * @param legalHoldRules the applied rules that are legal holds, in tie-break order
 * @param rules every applied rule, in tie-break order
 */
public record CombinedRetention(
    @Nullable RetentionObligation obligation,
    @Nullable CompiledRule maximumRule,
    @Nullable CompiledRule minimumRule,
    List<CompiledRule> legalHoldRules,
    List<CompiledRule> rules) {

  static final CombinedRetention NONE = new CombinedRetention(null, null, null, List.of(), List.of());

  public CombinedRetention {
    legalHoldRules = List.copyOf(legalHoldRules);
    rules = List.copyOf(rules);
  }
}
