package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.allow;
import static io.meshgov.engine.scenario.Scenarios.assertDeny;
import static io.meshgov.engine.scenario.Scenarios.assertNoPermit;
import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.filter;
import static io.meshgov.engine.scenario.Scenarios.mask;
import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BundleRejectedException;
import io.meshgov.api.ColumnType;
import io.meshgov.api.Decision;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Problem;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/policy-language.md, effective-dated versions: the version in force at {@code at} is the highest whose
 * {@code from <= at < until}; dates are read as 00:00 UTC.
 *
 * <p>Bundle {@code scenarios/effective-dates}: global.access 1.0.0 [2026-01-01, 2026-03-01) permits;
 * 1.10.0 [2026-03-01, 2026-06-01T12:00Z) permits and masks e-mail; 2.0.0 from 2026-06-01T12:00Z
 * denies. sales.filters 1.9.0 [2025-01-01, 2026-02-01) filters EU; 1.10.0 from 2026-02-01 EU or UK.
 */
public class EffectiveDatesScenario {
  private static final Subject ANYONE = Subject.of("ann");
  private static final RuleReference PERMIT_V1 = rule("global.access", "permit-all", "1.0.0");
  private static final RuleReference PERMIT_V1_10 = rule("global.access", "permit-all", "1.10.0");
  private static final RuleReference DENY_V2 = rule("global.access", "deny-all", "2.0.0");
  private static final RuleReference FILTER_V1_9 = rule("sales.filters", "region", "1.9.0");
  private static final RuleReference FILTER_V1_10 = rule("sales.filters", "region", "1.10.0");

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("effective-dates");
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  private static Decision at(String instant) {
    return engine.decide(request(ANYONE, "sales.orders").at(Instant.parse(instant)).build());
  }

  @Test
  public void beforeFirstFrom_noVersionInForce_defaultDeny() {
    assertNoPermit(at("2025-12-31T23:59:59.999999999Z"));
  }

  @Test
  public void fromDate_readAs0000Utc_inForceAtMidnight() {
    Decision decision = at("2026-01-01T00:00:00Z");
    assertPermit(decision, PERMIT_V1);
    assertEquals(List.of(allow("order_id", ColumnType.STRING), allow("email", ColumnType.STRING),
        allow("region", ColumnType.STRING)), decision.columns());
    assertEquals(List.of(filter(FILTER_V1_9, "region == 'EU'")), decision.rowFilters());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), decision.evaluatedAt());
  }

  @Test
  public void fromDate_isUtcNotLocal_halfPastMidnightInParisIsStill2025() {
    // 00:30 at +01:00 is 23:30 UTC the day before: global.access 1.0.0 is not yet in force
    RequestReader reader = new RequestReader(engine.catalog(), LoadLimits.DEFAULTS);
    RequestReader.Requests requests = reader.read("request.json",
        "{\"subject\": {\"id\": \"ann\"}, \"product\": \"sales.orders\", \"at\": \"2026-01-01T00:30:00+01:00\"}");
    AccessRequest request = requests.items().get(0).request();
    assertEquals(Instant.parse("2025-12-31T23:30:00Z"), request.at());
    assertNoPermit(engine.decide(request));
  }

  @Test
  public void untilDate_isExclusive_lastInstantBeforeIsOldVersion() {
    Decision decision = at("2026-02-28T23:59:59.999999999Z");
    assertPermit(decision, PERMIT_V1);
    assertEquals(allow("email", ColumnType.STRING), decision.column("email"));
  }

  @Test
  public void untilDate_isExclusive_atBoundaryTheNextVersionIsInForce() {
    Decision decision = at("2026-03-01T00:00:00Z");
    assertPermit(decision, PERMIT_V1_10);
    assertEquals(mask("email", ColumnType.STRING, MaskMethod.EMAIL, rule("global.access", "mask-email", "1.10.0")),
        decision.column("email"));
  }

  @Test
  public void afterBoundary_newVersionStaysInForce() {
    assertPermit(at("2026-04-15T08:00:00Z"), PERMIT_V1_10);
  }

  @Test
  public void timestampBoundary_untilExclusive_fromInclusive() {
    assertPermit(at("2026-06-01T11:59:59.999Z"), PERMIT_V1_10);
    assertDeny(at("2026-06-01T12:00:00Z"), DENY_V2);
    assertDeny(at("2031-01-01T00:00:00Z"), DENY_V2);
  }

  @Test
  public void semverOrder_1_10_0_isHigherThan_1_9_0_andTakesOverAtItsFrom() {
    assertEquals(List.of(filter(FILTER_V1_9, "region == 'EU'")), at("2026-01-31T23:59:59Z").rowFilters());
    assertEquals(List.of(filter(FILTER_V1_10, "region in ['EU', 'UK']")), at("2026-02-01T00:00:00Z").rowFilters());
  }

  @Test
  public void domainVersionInForce_beforeGlobalOne_stillNeedsAPermit() {
    // sales.filters 1.9.0 is in force in 2025, but nothing permits: default deny
    assertNoPermit(at("2025-06-01T00:00:00Z"));
  }

  @Test
  public void requestWithoutAt_usesTheEngineClock() {
    Decision decision = engine.decide(AccessRequest.builder().subject(ANYONE).product("sales.orders").build());
    assertEquals(Scenarios.CLOCK_INSTANT, decision.evaluatedAt());
    assertDeny(decision, DENY_V2);
  }

  @Test
  public void twoVersionsInForceAtOnce_rejectTheBundle() {
    BundleRejectedException e = assertThrows(BundleRejectedException.class,
        () -> Scenarios.engine("overlapping-versions"));
    List<Problem> overlapping = e.problems().stream().filter(p -> p.code().equals("overlapping-versions")).toList();
    assertEquals(1, overlapping.size(), () -> "problems: " + e.problems());
    Problem problem = overlapping.get(0);
    assertTrue(problem.isError());
    assertTrue(problem.file().equals("global/access-v1.yaml") || problem.file().equals("global/access-v2.yaml"),
        problem::format);
    assertTrue(problem.message().contains("global.access") && problem.message().contains("2026-06-01T00:00:00Z"),
        problem::format);
  }

  /** Versions written with only effective.from stack: from its start, the higher version is in force. */
  @Test
  public void stackedVersions_theHighestStartedVersionIsInForce() {
    try (GovernanceEngine stacked = Scenarios.engine("stacked-versions")) {
      AccessRequest.Builder request = AccessRequest.builder().subject(ANYONE).product("sales.orders");
      Decision before = stacked.decide(request.at(Instant.parse("2025-12-31T23:59:59Z")).build());
      assertEquals(List.of(RuleReference.NO_PERMIT), before.reasons().stream().map(r -> r.rule()).toList());
      Decision first = stacked.decide(request.at(Instant.parse("2026-05-31T23:59:59Z")).build());
      assertEquals(List.of(RuleReference.of("global.access", "permit-all", "1.0.0")),
          first.reasons().stream().map(r -> r.rule()).toList());
      Decision second = stacked.decide(request.at(Instant.parse("2026-06-01T00:00:00Z")).build());
      assertEquals(List.of(RuleReference.of("global.access", "deny-all", "2.0.0")),
          second.reasons().stream().map(r -> r.rule()).toList());
    }
  }
}
