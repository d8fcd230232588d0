package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.filter;
import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.RowFilters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/policy-language.md (row filters) and docs/combining.md, step 3: every applicable filter is returned (AND), as a residual with
 * the subject and request values substituted and only column names left free. Bundle {@code
 * scenarios/row-filters}, product {@code geo.sites}; {@link RowFilters#matcher} applies residuals
 * to rows.
 */
public class RowFiltersScenario {
  private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
  private static final Subject ANN = subject("ann", List.of("fr", "de"), List.of("analyst"),
      Map.of("region", "EU", "nickname", "O'Brien"));
  private static final Subject ROOT = subject("root", List.of(), List.of("admin"), Map.of("region", "US"));

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("row-filters");
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  private static RuleReference global(String id) {
    return Scenarios.rule("global.filters", id, "1.0.0");
  }

  private static Decision annForOps() {
    return engine.decide(request(ANN, "geo.sites").purpose("ops").at(MARCH).build());
  }

  @Test
  public void everyFilterReturned_inTieBreakOrder_withValuesSubstituted() {
    Decision decision = annForOps();
    assertPermit(decision, global("permit-all"));
    assertEquals(List.of(
        filter(global("a-region"), "region == 'EU'"),
        // a quote in a value is escaped
        filter(global("b-name"), "name != 'O\\'Brien'"),
        // a list value is written as a CEL list
        filter(global("c-countries"), "country in ['fr', 'de']"),
        // 'admin' in subject.roles is false: the other side is left
        filter(global("d-admin-or-tier"), "tier <= 2"),
        // request.purpose == 'ops' is true: only the column is left
        filter(global("e-purpose-and-active"), "active"),
        // request.at becomes a timestamp literal
        filter(global("f-opened-before-at"), "opened <= timestamp('2026-03-01T00:00:00Z')"),
        // a negation keeps its parentheses
        filter(global("g-not"), "!(country == 'EU' || tier > 3)"),
        // && binds tighter than ||: no parentheses needed, none added
        filter(global("h-prefix"), "name.startsWith('EU') || size(country) == 2 && tier - 1 >= 0"),
        // domain filter after the global ones; subject.id == 'root' is false
        filter(Scenarios.rule("geo.filters", "a-score", "1.1.0"), "score >= 0.5")),
        decision.rowFilters());
  }

  @Test
  public void knownSidesFoldToTrueOrFalse() {
    Decision decision = engine.decide(request(ROOT, "geo.sites").purpose("other").build());
    assertEquals(List.of(
        filter(global("a-region"), "region == 'US'"),
        // b-name and c-countries do not apply (their when is false)
        filter(global("d-admin-or-tier"), "true"),
        filter(global("e-purpose-and-active"), "false"),
        filter(global("f-opened-before-at"), "opened <= timestamp('2026-11-24T10:00:00Z')"),
        filter(global("g-not"), "!(country == 'US' || tier > 3)"),
        filter(global("h-prefix"), "name.startsWith('US') || size(country) == 2 && tier - 1 >= 0"),
        filter(Scenarios.rule("geo.filters", "a-score", "1.1.0"), "true")),
        decision.rowFilters());
  }

  @Test
  public void backslashAndQuote_escaped_andRoundTripThroughCel() {
    Subject tricky = subject("tom", List.of("xx"), List.of(), Map.of("region", "EU", "nickname", "a\\b'c"));
    Decision decision = engine.decide(request(tricky, "geo.sites").purpose("ops").at(MARCH).build());
    assertEquals("name != 'a\\\\b\\'c'", decision.rowFilters().get(1).expression());
    Predicate<Map<String, ?>> visible = RowFilters.matcher(decision, product());
    Map<String, Object> row = row();
    row.put("country", "xx");
    assertTrue(visible.test(row));
    row.put("name", "a\\b'c");
    assertFalse(visible.test(row));
  }

  @Test
  public void matcher_rowVisibleOnlyWhenEveryFilterHolds() {
    Predicate<Map<String, ?>> visible = RowFilters.matcher(annForOps(), product());
    assertTrue(visible.test(row()));
    assertFalse(visible.test(with("name", "O'Brien")));
    assertFalse(visible.test(with("region", "US")));
    assertFalse(visible.test(with("country", "it")));
    assertFalse(visible.test(with("tier", 3L)));
    assertFalse(visible.test(with("score", new BigDecimal("0.4"))));
    assertFalse(visible.test(with("active", false)));
    assertFalse(visible.test(with("opened", LocalDate.parse("2026-03-02"))));
    assertTrue(visible.test(with("opened", LocalDate.parse("2026-03-01"))));
    assertTrue(visible.test(with("tier", 2)));
    // h-prefix: name does not start with EU, so size(country) == 2 && tier - 1 >= 0 must hold
    assertFalse(visible.test(with("tier", 0L)));
    Map<String, Object> prefixed = with("tier", 0L);
    prefixed.put("name", "EU office");
    assertTrue(visible.test(prefixed));
  }

  @Test
  public void matcher_nullValueInAFilteredColumn_hidesTheRow() {
    Predicate<Map<String, ?>> visible = RowFilters.matcher(annForOps(), product());
    assertFalse(visible.test(with("region", null)));
    assertFalse(visible.test(with("opened", null)));
  }

  @Test
  public void matcher_falseResidual_hidesEveryRow_trueResidual_hidesNone() {
    Decision decision = engine.decide(request(ROOT, "geo.sites").purpose("other").build());
    Predicate<Map<String, ?>> visible = RowFilters.matcher(decision, product());
    // e-purpose-and-active folded to false
    Map<String, Object> row = row();
    row.put("region", "US");
    assertFalse(visible.test(row));
  }

  @Test
  public void matcher_onADeny_isRefused() {
    // row-filters permits everyone: take a deny from the effective-dates bundle (no version in force)
    try (GovernanceEngine dates = Scenarios.engine("effective-dates")) {
      Decision refused = dates.decide(request(Subject.of("x"), "sales.orders")
          .at(Instant.parse("2025-06-01T00:00:00Z")).build());
      assertFalse(refused.isPermitted());
      assertThrows(IllegalArgumentException.class,
          () -> RowFilters.matcher(refused, dates.product("sales.orders").orElseThrow()));
    }
  }

  private static DataProduct product() {
    return engine.product("geo.sites").orElseThrow();
  }

  /** A row every filter of {@link #annForOps()} lets through. */
  private static Map<String, Object> row() {
    Map<String, Object> row = new HashMap<>();
    row.put("name", "Ann's Place");
    row.put("region", "EU");
    row.put("country", "fr");
    row.put("tier", 1L);
    row.put("score", 0.7);
    row.put("active", true);
    row.put("opened", LocalDate.parse("2020-01-01"));
    return row;
  }

  private static Map<String, Object> with(String column, Object value) {
    Map<String, Object> row = row();
    row.put(column, value);
    return row;
  }
}
