package io.meshgov.engine.internal.testing;

import io.meshgov.api.Decision;
import io.meshgov.api.RuleCoverage;
import io.meshgov.api.RuleReference;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rules of a bundle the decisions of its PolicyTest cases applied (docs/cli.md, test
 * --coverage). A rule counts as applied when it is among a decision's applied rules, the list the
 * audit records too, so "applied" means here what it means everywhere else. Rules of OPA-backed sets
 * are not counted: they are written in Rego, not in the bundle, and their own tests run with {@code
 * opa test}; such sets are only named.
 */
final class TestCoverage {
  private final Set<RuleReference> applied = new HashSet<>();
  private final List<Instant> instants = new ArrayList<>();

  /** Records one case's decision. */
  void record(Decision decision) {
    applied.addAll(decision.appliedRules());
    instants.add(decision.evaluatedAt());
  }

  /**
   * Every rule of {@code policySets}, in tie-break order, versions lowest first, then as written.
   */
  List<RuleCoverage> rules(List<PolicySetVersion> policySets) {
    List<RuleCoverage> rules = new ArrayList<>();
    for (PolicySetVersion set : sorted(policySets)) {
      boolean inForceAtSomeCase = false;
      for (Instant at : instants) {
        inForceAtSomeCase |= set.inForceAt(at);
      }
      List<Rule> written = new ArrayList<>(set.rules());
      written.sort(Comparator.comparingInt(rule -> rule.position().line()));
      for (Rule rule : written) {
        rules.add(new RuleCoverage(rule.info(set), applied.contains(rule.reference(set)), inForceAtSomeCase));
      }
    }
    return rules;
  }

  /** The OPA-backed sets, as {@code <id>@<version>}, in the same order. */
  static List<String> opaBackedSets(List<PolicySetVersion> policySets) {
    List<String> sets = new ArrayList<>();
    for (PolicySetVersion set : sorted(policySets)) {
      if (set.isOpaBacked()) {
        sets.add(set.id() + "@" + set.version().text());
      }
    }
    return sets;
  }

  private static List<PolicySetVersion> sorted(List<PolicySetVersion> policySets) {
    List<PolicySetVersion> sorted = new ArrayList<>(policySets);
    sorted.sort(Comparator.<PolicySetVersion, PolicySetVersion>comparing(set -> set, PolicySetVersion::precedence)
        .thenComparing(PolicySetVersion::version));
    return sorted;
  }
}
