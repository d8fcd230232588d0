package io.meshgov.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule that can apply to a product, or to one of its columns, whatever the request: its {@code
 * match} and scope select the product, so only its conditions and its version's window decide
 * whether it applies to a given request (docs/cli.md, rules).
 *
 * @param rule the rule and where it is written
 * @param inForce whether its policy set version is the one in force at the instant asked about
 * @param effect what it does when it applies: {@code permit} or {@code deny}, {@code mask} with its
 *     method and parameters, {@code filter} with its expression, {@code retention} with its terms, or
 *     what an OPA-backed set does
 * @param when the {@code when} condition as written, or null
 * @param unless the {@code unless} condition as written, or null
 * @param actions the actions it matches, in {@link Action} order; every action when {@code
 *     match.actions} is absent
 * @param columns the product's columns its {@code match.columns} selects, in catalog order; empty for
 *     a rule without {@code match.columns}
 * @param reasons why it selects the product (and column): one line per part of its scope and {@code
 *     match} that holds, naming the product's or column's value that satisfies it
 */
public record RuleMatch(RuleInfo rule, boolean inForce, String effect, @Nullable String when, @Nullable String unless,
    List<Action> actions, List<String> columns, List<String> reasons) {
  public RuleMatch {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(effect, "effect");
    actions = List.copyOf(actions);
    columns = List.copyOf(columns);
    reasons = List.copyOf(reasons);
  }
}
