package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.allow;
import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.mask;
import static io.meshgov.engine.scenario.Scenarios.partial;
import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnType;
import io.meshgov.api.Decision;
import io.meshgov.api.Explanation;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Problem;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import io.meshgov.engine.json.AuditRecordJson;
import io.meshgov.engine.json.DecisionJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/mask-methods.md and docs/combining.md, step 2: the most restrictive mask in table order, same method the
 * one revealing less, then global before domain, set id, rule id; escalation by column type; the
 * salt never leaves the engine. Bundle {@code scenarios/masks}, product {@code lab.samples}.
 */
public class MasksScenario {
  private static final String SALT = "pepper-3f9a1c";
  private static final Subject ANYONE = Subject.of("ann");

  private static InMemoryAuditSink audit;
  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    audit = new InMemoryAuditSink();
    engine = Scenarios.engine("masks", audit);
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  @BeforeEach
  public void clearAudit() {
    audit.clear();
  }

  private static ColumnDecision column(String name) {
    Decision decision = engine.decide(request(ANYONE, "lab.samples").columns(name).build());
    assertPermit(decision, rule("global.access", "permit-all", "1.0.0"));
    assertEquals(1, decision.columns().size());
    return decision.columns().get(0);
  }

  private static RuleReference a(String id) {
    return rule("global.a-masks", id, "1.0.0");
  }

  private static RuleReference b(String id) {
    return rule("global.b-masks", id, "2.0.0");
  }

  private static RuleReference escalation(String id) {
    return rule("global.escalation", id, "1.0.0");
  }

  @Test
  public void tableOrder_emailBeatsPartial() {
    assertEquals(mask("table_order", ColumnType.STRING, MaskMethod.EMAIL, b("a-email")), column("table_order"));
  }

  @Test
  public void sameMethod_partialRevealingLessWins_evenIfLaterInTieBreakOrder() {
    // global.a-masks/a-partial-2-2 shows 2 + 2; global.b-masks/b-partial-0-3 shows 0 + 3
    assertEquals(mask("reveal_less", ColumnType.STRING, MaskMethod.PARTIAL, partial(0, 3, "-"), b("b-partial-0-3")),
        column("reveal_less"));
  }

  @Test
  public void sameMethod_sameAmountRevealed_setIdBreaksTheTie() {
    // 1 + 2 and 0 + 3 reveal as much: global.a-masks sorts before global.b-masks
    assertEquals(mask("partial_tie", ColumnType.STRING, MaskMethod.PARTIAL, partial(1, 2, "#"), a("a-tie-1-2")),
        column("partial_tie"));
  }

  @Test
  public void tie_globalBeforeDomain_whateverTheIds() {
    // lab.masks/a-domain-hash sorts before global.a-masks/z-global-hash by id, but global comes first
    assertEquals(mask("global_first", ColumnType.STRING, MaskMethod.HASH, a("z-global-hash")), column("global_first"));
  }

  @Test
  public void tie_setIdBeforeRuleId() {
    // global.a-masks/z-set-id against global.b-masks/a-set-id: the set id decides
    assertEquals(mask("set_id", ColumnType.STRING, MaskMethod.REDACT, Map.of("replacement", "A"), a("z-set-id")),
        column("set_id"));
  }

  @Test
  public void tie_sameSet_ruleIdNotFileOrder() {
    // r-rule-2 is written first, r-rule-1 sorts first
    assertEquals(mask("rule_id", ColumnType.STRING, MaskMethod.REDACT, Map.of("replacement", "1"), a("r-rule-1")),
        column("rule_id"));
  }

  @Test
  public void escalation_emailOnDate_becomesYear() {
    assertEquals(mask("email_on_date", ColumnType.DATE, MaskMethod.YEAR, escalation("email")), column("email_on_date"));
  }

  @Test
  public void escalation_partialOnDate_skipsEmail_becomesYear_withoutPartialParams() {
    assertEquals(mask("partial_on_date", ColumnType.DATE, MaskMethod.YEAR, escalation("partial")),
        column("partial_on_date"));
  }

  @Test
  public void escalation_hashOnDecimal_becomesDefault_withoutSalt() {
    ColumnDecision decision = column("hash_on_decimal");
    assertEquals(mask("hash_on_decimal", ColumnType.DECIMAL, MaskMethod.DEFAULT, escalation("hash")), decision);
    assertEquals(Map.of(), decision.mask().parameters());
  }

  @Test
  public void escalation_partialOnInteger_becomesDefault_withoutParams() {
    assertEquals(mask("partial_on_integer", ColumnType.INTEGER, MaskMethod.DEFAULT, escalation("partial")),
        column("partial_on_integer"));
  }

  @Test
  public void escalation_partialOnBoolean_becomesDefault() {
    assertEquals(mask("partial_on_boolean", ColumnType.BOOLEAN, MaskMethod.DEFAULT, escalation("partial")),
        column("partial_on_boolean"));
  }

  @Test
  public void escalation_yearOnString_becomesHash() {
    assertEquals(mask("year_on_string", ColumnType.STRING, MaskMethod.HASH, escalation("year")),
        column("year_on_string"));
  }

  @Test
  public void escalation_redactOnTimestamp_becomesDefault_withoutReplacement() {
    assertEquals(mask("redact_on_timestamp", ColumnType.TIMESTAMP, MaskMethod.DEFAULT, escalation("redact")),
        column("redact_on_timestamp"));
  }

  @Test
  public void noEscalation_methodAndParamsUnchanged() {
    assertEquals(mask("year_on_timestamp", ColumnType.TIMESTAMP, MaskMethod.YEAR, escalation("year")),
        column("year_on_timestamp"));
    assertEquals(mask("partial_on_string", ColumnType.STRING, MaskMethod.PARTIAL, partial(1, 1, "x"),
        escalation("partial")), column("partial_on_string"));
    // redact shows its default replacement
    assertEquals(mask("redacted", ColumnType.STRING, MaskMethod.REDACT, Map.of("replacement", "****"),
        escalation("redacted")), column("redacted"));
    assertEquals(allow("plain", ColumnType.STRING), column("plain"));
  }

  @Test
  public void columnCondition_evaluatedPerColumn() {
    for (List<String> order : List.of(List.of("cond_a", "cond_b"), List.of("cond_b", "cond_a"))) {
      Decision decision = engine.decide(request(ANYONE, "lab.samples").columns(order).build());
      assertEquals(mask("cond_a", ColumnType.STRING, MaskMethod.NULLIFY, escalation("by-column-name")),
          decision.column("cond_a"), order::toString);
      assertEquals(allow("cond_b", ColumnType.STRING), decision.column("cond_b"), order::toString);
    }
  }

  @Test
  public void escalation_warnedByValidate() {
    List<Problem> warnings = engine.warnings();
    for (Problem warning : warnings) {
      assertFalse(warning.isError(), warning::format);
    }
    for (String column : List.of("email_on_date", "partial_on_date", "hash_on_decimal", "partial_on_integer",
        "year_on_string", "redact_on_timestamp", "partial_on_boolean")) {
      assertTrue(warnings.stream().anyMatch(w -> w.code().equals("mask-escalated") && w.message().contains("'" + column + "'")),
          () -> column + " not warned about: " + warnings);
    }
    assertFalse(warnings.stream().anyMatch(w -> w.message().contains("'year_on_timestamp'")), warnings::toString);
  }

  @Test
  public void salt_neverInDecisionJsonExplanationOrAudit() {
    Decision decision = engine.decide(request(ANYONE, "lab.samples").columns("salted", "hash_on_decimal").build());
    ColumnDecision salted = decision.column("salted");
    assertEquals(MaskMethod.HASH, salted.mask().method());
    assertEquals(Map.of(), salted.mask().publicParameters());
    assertEquals(escalation("salted"), salted.rule());
    assertFalse(salted.mask().toString().contains(SALT), salted.mask()::toString);

    String json = DecisionJson.write(decision, true);
    assertFalse(json.contains(SALT), json);
    assertFalse(json.contains("\"salt\""), json);
    assertFalse(json.contains("\"params\""), json);
    assertTrue(json.contains("\"method\" : \"hash\""), json);

    Explanation explanation = engine.explain(request(ANYONE, "lab.samples").columns("salted").build());
    for (TraceEntry entry : explanation.trace()) {
      assertFalse(entry.toString().contains(SALT), entry::toString);
    }
    assertFalse(explanation.decision().toString().contains(SALT));

    List<AuditRecord> records = audit.records();
    assertEquals(2, records.size());
    for (AuditRecord record : records) {
      String line = AuditRecordJson.toJsonLine(record);
      assertFalse(line.contains(SALT), line);
      assertFalse(record.toString().contains(SALT), record::toString);
    }
    assertEquals(Map.of("salted", "mask:hash", "hash_on_decimal", "mask:default"), records.get(0).columns());
  }
}
