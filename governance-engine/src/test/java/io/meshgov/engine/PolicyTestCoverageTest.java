package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.PolicyTestReport;
import io.meshgov.api.RuleCoverage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which rules the PolicyTest cases applied (docs/cli.md, test --coverage): the example bundle
 * {@code docs/examples/coverage}, whose tests leave exactly two rules unapplied, and the shipped
 * bundle, whose tests apply every rule.
 */
class PolicyTestCoverageTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-24T10:00:00Z"));

  private static Path policies() {
    return Path.of(System.getProperty("meshgov.policies"));
  }

  private static PolicyTestReport run(Path bundle) {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle).clock(CLOCK).build()) {
      return engine.runPolicyTests();
    }
  }

  @Test
  void exampleBundle_namesExactlyTheTwoRulesNoCaseApplied_atTheirIdLines() {
    PolicyTestReport report = run(policies().resolveSibling("docs/examples/coverage"));
    assertEquals(0, report.failed());
    List<String> missed = report.coverage().stream().filter(rule -> !rule.applied())
        .map(rule -> rule.rule().location() + " " + rule.rule().reference() + " " + rule.rule().kind()
            + " inForceAtSomeCase=" + rule.inForceAtSomeCase())
        .toList();
    assertEquals(List.of(
        "domains/shop/holiday-v2.yaml:10 shop.holiday/hold-holiday-orders@2.0.0 retention inForceAtSomeCase=false",
        "domains/shop/refunds.yaml:9 shop.refunds/no-cards-in-exports@1.0.0 access inForceAtSomeCase=true"), missed);
    assertEquals(9, report.coverage().size());
    assertEquals(7, report.appliedRules());
  }

  @Test
  void coverage_listsEveryRuleInTieBreakOrder_globalFirst_thenBySetId() {
    PolicyTestReport report = run(policies().resolveSibling("docs/examples/coverage"));
    List<String> rules = report.coverage().stream().map(rule -> rule.rule().reference().toString()).toList();
    assertEquals(List.of("global.access/permit-employees@1.0.0", "global.access/deny-contractors-export@1.0.0",
        "global.pii/mask-email@1.0.0", "global.pii/card-last4@1.0.0", "global.pii/regional-rows@1.0.0",
        "shop.holiday/hold-holiday-orders@2.0.0", "shop.orders/card-last2@1.0.0", "shop.orders/keep-orders@1.0.0",
        "shop.refunds/no-cards-in-exports@1.0.0"), rules);
  }

  @Test
  void shippedBundle_everyRuleIsAppliedByACase_andTheOpaBackedSetIsNamedNotCounted() {
    PolicyTestReport report = run(policies());
    List<String> missed = report.coverage().stream().filter(rule -> !rule.applied())
        .map(rule -> rule.rule().location() + " " + rule.rule().reference()).toList();
    assertEquals(List.of(), missed);
    assertTrue(report.coverage().size() > 30, () -> report.coverage().size() + " rules");
    assertEquals(List.of("finance.fraud-screening@1.0.0"), report.opaBackedSets());
    assertTrue(report.coverage().stream().map(RuleCoverage::rule)
        .noneMatch(rule -> rule.policySetId().equals("finance.fraud-screening")));
  }

  @Test
  void aVersionNoCaseReaches_isCountedAndSaidNotInForce() {
    PolicyTestReport report = run(policies());
    // finance.card-data 1.0.0 ends on 2026-07-01: a case must ask before then to apply it
    RuleCoverage v1 = report.coverage().stream()
        .filter(rule -> rule.rule().reference().toString().equals("finance.card-data/card-numbers-stay-masked@1.0.0"))
        .findFirst().orElseThrow();
    assertTrue(v1.applied());
    assertTrue(v1.inForceAtSomeCase());
    assertEquals("domains/finance/card-data-v1.yaml", v1.rule().file());
    assertEquals(Instant.parse("2026-07-01T00:00:00Z"), v1.rule().effectiveUntil());
  }
}
