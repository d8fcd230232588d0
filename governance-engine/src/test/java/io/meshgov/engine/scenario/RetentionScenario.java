package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.assertDeny;
import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.filter;
import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.RowFilters;
import io.meshgov.engine.json.DecisionJson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/combining.md, step 4: the largest minimum, the smallest maximum (periods compared by the instant they
 * reach back to from {@code at}), basis and action from the maximum's rule, legal hold, conflict,
 * and the {@code retention} row filter. Bundle {@code scenarios/retention}: each purpose switches
 * on one group of retention rules.
 */
public class RetentionScenario {
  private static final Subject ANYONE = Subject.of("ann");
  private static final RuleReference PERMIT = Scenarios.rule("global.access", "permit-all", "1.0.0");

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("retention");
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  private static Decision purpose(String purpose) {
    return engine.decide(request(ANYONE, "hist.records").purpose(purpose).build());
  }

  private static Decision purpose(String purpose, String at) {
    return engine.decide(request(ANYONE, "hist.records").purpose(purpose).at(Instant.parse(at)).build());
  }

  @Test
  public void largestMinimum_smallestMaximum_basisAndActionFromTheMaximumsRule() {
    Decision decision = purpose("combine");
    assertPermit(decision, PERMIT);
    // minima P5Y (global, archive) and P3Y (domain); maxima P10Y (global) and P7Y (domain, anonymize)
    assertEquals(new RetentionObligation("updated", Period.ofYears(5), Period.ofYears(7), RetentionAction.ANONYMIZE,
        Instant.parse("2019-11-24T10:00:00Z"), false, false, List.of("pii")), decision.retention());
    assertEquals(List.of(filter(RuleReference.RETENTION, "updated >= timestamp('2019-11-24T10:00:00Z')")),
        decision.rowFilters());
    assertEquals(null, decision.rowFilters().get(0).rule().version());
  }

  @Test
  public void maxima_P1MversusP30D_atMarch1_P1MReachesBackLess() {
    // from 2026-03-01: P1M reaches 2026-02-01, P30D reaches 2026-01-30; the smaller maximum is P1M
    Decision decision = purpose("months-max", "2026-03-01T00:00:00Z");
    assertEquals(new RetentionObligation("created", null, Period.ofMonths(1), RetentionAction.DELETE,
        Instant.parse("2026-02-01T00:00:00Z"), false, false), decision.retention());
    assertEquals(List.of(filter(RuleReference.RETENTION, "created >= timestamp('2026-02-01T00:00:00Z')")),
        decision.rowFilters());
  }

  @Test
  public void maxima_P1MversusP30D_atJuly31_P30DReachesBackLess() {
    // from 2026-07-31: P1M reaches 2026-06-30, P30D reaches 2026-07-01; the smaller maximum is P30D
    Decision decision = purpose("months-max", "2026-07-31T00:00:00Z");
    assertEquals(new RetentionObligation("updated", null, Period.ofDays(30), RetentionAction.ARCHIVE,
        Instant.parse("2026-07-01T00:00:00Z"), false, false), decision.retention());
    assertEquals(List.of(filter(RuleReference.RETENTION, "updated >= timestamp('2026-07-01T00:00:00Z')")),
        decision.rowFilters());
  }

  @Test
  public void minima_P1MversusP30D_theLargerDependsOnAt_basisFromTheMinimumWithoutMaximum() {
    // at 2026-03-01 P30D is the larger minimum; at 2026-07-31 P1M is
    assertEquals(new RetentionObligation("updated", Period.ofDays(30), null, RetentionAction.ARCHIVE, null, false,
        false), purpose("months-min", "2026-03-01T00:00:00Z").retention());
    assertEquals(new RetentionObligation("created", Period.ofMonths(1), null, RetentionAction.DELETE, null, false,
        false), purpose("months-min", "2026-07-31T00:00:00Z").retention());
    assertEquals(List.of(), purpose("months-min", "2026-03-01T00:00:00Z").rowFilters());
  }

  @Test
  public void legalHold_removesTheMaximum_noCutoffNoRetentionFilter() {
    Decision decision = purpose("hold");
    assertPermit(decision, PERMIT);
    // basis and action from the rule of the minimum, the maximum being removed
    assertEquals(new RetentionObligation("created", Period.ofYears(2), null, RetentionAction.DELETE, null, false, true),
        decision.retention());
    assertEquals(List.of(), decision.rowFilters());
  }

  @Test
  public void legalHold_withMinimumOverMaximum_noConflict() {
    Decision decision = purpose("hold-conflict");
    assertEquals(new RetentionObligation("updated", Period.ofYears(10), null, RetentionAction.ARCHIVE, null, false,
        true), decision.retention());
    assertEquals(List.of(), decision.rowFilters());
  }

  @Test
  public void inlineProductWithoutTheBasisColumn_retentionFilterHidesEveryRow() {
    DataProduct inline = new DataProduct("hist.scratch", "hist", "hist@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), List.of(Column.of("id", ColumnType.STRING),
            Column.of("updated", ColumnType.TIMESTAMP)));
    Decision decision = engine.decide(AccessRequest.builder().subject(ANYONE).product(inline).purpose("months-max")
        .at(Instant.parse("2026-03-01T00:00:00Z")).build());
    // the smaller maximum (P1M) is on basis 'created', which this product lacks
    assertEquals("created", decision.retention().basis());
    for (RowFilter filter : decision.rowFilters()) {
      assertFalse(filter.expression().contains("created"),
          () -> "a residual names a column the product lacks: " + filter);
    }
    Predicate<Map<String, ?>> visible = RowFilters.matcher(decision, inline);
    assertFalse(visible.test(Map.of("id", "1", "updated", Instant.parse("2026-02-20T00:00:00Z"))));
  }

  @Test
  public void conflict_minimumOverMaximum_keepsMinimum_reportsBoth_noCutoff() {
    Decision decision = purpose("conflict");
    // basis and action from the maximum's rule, which is in force though not enforced
    assertEquals(new RetentionObligation("updated", Period.ofYears(10), Period.ofYears(5), RetentionAction.DELETE,
        null, true, false), decision.retention());
    assertEquals(List.of(), decision.rowFilters());
    String json = DecisionJson.write(decision, false);
    assertTrue(json.contains("\"retention\":{\"basis\":\"updated\",\"minimum\":\"P10Y\",\"maximum\":\"P5Y\","
        + "\"action\":\"delete\",\"cutoff\":null,\"conflict\":true"), json);
  }

  @Test
  public void equalMaxima_globalFirst_thenRuleId() {
    // global.retention/tie-a P84M, global.retention/tie-b P7Y and hist.retention/a-tie P7Y reach back equally
    assertEquals(new RetentionObligation("created", null, Period.ofMonths(84), RetentionAction.ANONYMIZE,
        Instant.parse("2019-11-24T10:00:00Z"), false, false, List.of("pii")), purpose("tie").retention());
  }

  @Test
  public void minimumOnly_basisAndActionFromTheMinimum_noCutoff() {
    Decision decision = purpose("minimum-only");
    assertEquals(new RetentionObligation("updated", Period.ofYears(1), null, RetentionAction.ARCHIVE, null, false,
        false), decision.retention());
    assertEquals(List.of(), decision.rowFilters());
  }

  @Test
  public void noRetentionRule_noRetention() {
    Decision decision = purpose("none");
    assertPermit(decision, PERMIT);
    assertEquals(null, decision.retention());
    assertEquals(List.of(), decision.rowFilters());
  }

  @Test
  public void deniedRequest_carriesNoRetention() {
    Subject outsider = subject("oz", List.of("outsiders"), List.of(), Map.of());
    Decision decision = engine.decide(request(outsider, "hist.records").purpose("combine").build());
    assertDeny(decision, RuleReference.NO_PERMIT);
  }

  @Test
  public void cutoffFilter_onRows_olderOrNullBasisHidden() {
    Decision decision = purpose("months-max", "2026-03-01T00:00:00Z");
    Predicate<Map<String, ?>> visible = RowFilters.matcher(decision, engine.product("hist.records").orElseThrow());
    assertTrue(visible.test(row(LocalDate.parse("2026-02-01"))));
    assertTrue(visible.test(row(LocalDate.parse("2026-02-27"))));
    assertFalse(visible.test(row(LocalDate.parse("2026-01-31"))));
    assertFalse(visible.test(row(null)), "a null basis hides the row");
  }

  private static Map<String, Object> row(LocalDate created) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", "r1");
    row.put("created", created);
    row.put("updated", Instant.parse("2026-02-20T00:00:00Z"));
    row.put("region", "EU");
    return row;
  }
}
