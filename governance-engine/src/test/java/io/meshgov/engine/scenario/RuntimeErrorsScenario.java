package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.allow;
import static io.meshgov.engine.scenario.Scenarios.assertDeny;
import static io.meshgov.engine.scenario.Scenarios.assertNoPermit;
import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.deny;
import static io.meshgov.engine.scenario.Scenarios.filter;
import static io.meshgov.engine.scenario.Scenarios.mask;
import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Explanation;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.RowFilters;
import java.time.Instant;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/policy-language.md: a condition that fails at run time (here: a missing attribute key) resolves to the more
 * restrictive outcome. A permit does not apply; a deny, mask, row filter or retention rule does; a
 * filter that errs hides the rows it errs on. Bundle {@code scenarios/runtime-errors}.
 */
public class RuntimeErrorsScenario {
  /** In group ops, without any attribute: every attribute lookup fails. */
  private static final Subject NO_ATTRIBUTES = subject("otto", List.of("ops"), List.of(), Map.of());

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("runtime-errors");
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  private static RuleReference global(String id) {
    return Scenarios.rule("global.errors", id, "1.0.0");
  }

  @Test
  public void missingAttributes_permitByGroupOnly_restrictiveEverywhereElse() {
    Decision decision = engine.decide(request(NO_ATTRIBUTES, "ops.events").build());
    // permit-by-team errs: it does not apply; deny-blocked is false && error = false
    assertPermit(decision, global("permit-by-group"));
    assertFalse(decision.appliedRules().contains(global("permit-by-team")), decision.appliedRules()::toString);
    assertFalse(decision.appliedRules().contains(global("deny-blocked")), decision.appliedRules()::toString);
    assertEquals(List.of(
        // unless errs: the column deny applies
        deny("id", ColumnType.STRING, global("deny-id-unless-cleared")),
        // when errs: the domain mask applies
        mask("tenant", ColumnType.STRING, MaskMethod.HASH, Scenarios.rule("ops.errors", "hash-tenant", "1.0.0")),
        allow("region", ColumnType.STRING),
        // unless errs: the mask applies
        mask("secret", ColumnType.STRING, MaskMethod.REDACT, Map.of("replacement", "****"), global("mask-secret")),
        allow("created", ColumnType.TIMESTAMP)),
        decision.columns());
    assertEquals(List.of(
        // when errs: the filter applies
        filter(global("filtered-when"), "region != 'XX'"),
        // the filter errs on every row: nothing is visible
        filter(global("own-tenant"), "false"),
        // error || region == 'EU': the error is absorbed, the other side is left
        filter(global("root-or-eu"), "region == 'EU'"),
        // keep-one-year's when errs: its maximum holds, with its cutoff
        filter(RuleReference.RETENTION, "created >= timestamp('2025-11-24T10:00:00Z')")),
        decision.rowFilters());
    assertEquals(new RetentionObligation("created", null, Period.ofYears(1), RetentionAction.DELETE,
        Instant.parse("2025-11-24T10:00:00Z"), false, false), decision.retention());
  }

  @Test
  public void attributesPresent_conditionsDecideNormally() {
    Subject cleared = subject("olga", List.of(), List.of(), Map.of("team", "ops", "tenant", "t1", "clearance", "high",
        "id_clearance", "yes", "tenant_visibility", "clear", "scope", "all", "jurisdiction", "US"));
    Decision decision = engine.decide(request(cleared, "ops.events").build());
    assertPermit(decision, global("permit-by-team"));
    assertEquals(List.of(allow("id", ColumnType.STRING), allow("tenant", ColumnType.STRING),
        allow("region", ColumnType.STRING), allow("secret", ColumnType.STRING), allow("created", ColumnType.TIMESTAMP)),
        decision.columns());
    assertEquals(List.of(filter(global("own-tenant"), "tenant == 't1'"), filter(global("root-or-eu"), "region == 'EU'")),
        decision.rowFilters());
    assertNull(decision.retention());
  }

  @Test
  public void rootTenant_orFoldsToTrue() {
    Subject root = subject("rob", List.of("ops"), List.of(), Map.of("tenant", "root", "scope", "all",
        "jurisdiction", "US"));
    Decision decision = engine.decide(request(root, "ops.events").columns("region").build());
    assertEquals(List.of(filter(global("own-tenant"), "tenant == 'root'"), filter(global("root-or-eu"), "true")),
        decision.rowFilters());
  }

  @Test
  public void permitWithErringUnless_doesNotApply_defaultDeny() {
    Subject partner = subject("pat", List.of("partners"), List.of(), Map.of());
    assertNoPermit(engine.decide(request(partner, "ops.events").build()));
    Subject notBanned = subject("pam", List.of("partners"), List.of(), Map.of("banned", "no"));
    assertPermit(engine.decide(request(notBanned, "ops.events").build()), global("permit-unless-banned"));
  }

  @Test
  public void denyWithErringWhen_applies() {
    Decision decision = engine.decide(request(NO_ATTRIBUTES, "ops.events").purpose("audit").build());
    assertDeny(decision, global("deny-blocked"));
    Subject unblocked = subject("ulf", List.of("ops"), List.of(), Map.of("blocked", "no"));
    assertPermit(engine.decide(request(unblocked, "ops.events").purpose("audit").columns("region").build()),
        global("permit-by-group"));
  }

  @Test
  public void erringFilterUnderNegation_stillHidesTheRowsItErrsOn() {
    Decision decision = engine.decide(request(NO_ATTRIBUTES, "ops.events").purpose("negation").columns("region")
        .build());
    DataProduct product = engine.product("ops.events").orElseThrow();
    Map<String, Object> eu = new HashMap<>(Map.of("id", "1", "tenant", "t", "region", "EU", "secret", "s"));
    Map<String, Object> us = new HashMap<>(Map.of("id", "2", "tenant", "t", "region", "US", "secret", "s"));
    // CEL on each row: !(error || region == 'EU') is false on EU rows and an error on the others: all hidden
    Predicate<Map<String, ?>> notOr = RowFilters.matcher(only(decision, "not-error-or"), product);
    assertFalse(notOr.test(eu), "EU row");
    assertFalse(notOr.test(us), "US row: the filter errs on it");
    // !(error && region == 'EU') is an error on EU rows (hidden) and true on the others
    Predicate<Map<String, ?>> notAnd = RowFilters.matcher(only(decision, "not-error-and"), product);
    assertFalse(notAnd.test(eu), "EU row: the filter errs on it");
    assertTrue(notAnd.test(us), "US row");
  }

  /** The decision with only the row filter of rule {@code id}. */
  private static Decision only(Decision decision, String id) {
    RowFilter filter = decision.rowFilters().stream().filter(f -> f.rule().equals(global(id))).findFirst()
        .orElseThrow(() -> new AssertionError("no filter " + id + " in " + decision.rowFilters()));
    return new Decision(decision.decisionId(), decision.effect(), decision.product(), decision.columns(),
        List.of(filter), null, decision.reasons(), decision.bundle(), decision.evaluatedAt(), decision.appliedRules(), decision.opa());
  }

  @Test
  public void explain_namesTheFailedCondition() {
    Explanation explanation = engine.explain(request(NO_ATTRIBUTES, "ops.events").columns("secret").build());
    TraceEntry permitByTeam = explanation.trace().stream()
        .filter(entry -> entry.rule().equals(global("permit-by-team"))).findFirst().orElseThrow();
    assertFalse(permitByTeam.applied());
    assertTrue(permitByTeam.why().contains("failed"), permitByTeam::why);
    TraceEntry maskSecret = explanation.trace().stream()
        .filter(entry -> entry.rule().equals(global("mask-secret"))).findFirst().orElseThrow();
    assertTrue(maskSecret.applied());
    assertEquals("secret", maskSecret.column());
  }
}
