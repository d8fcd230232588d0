package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import io.meshgov.engine.audit.JsonLinesAuditSink;
import io.meshgov.engine.json.AuditRecordJson;
import io.meshgov.engine.json.DecisionJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/audit-format.md: one audit record per decision, with the subject's id only, the columns as {@code
 * allow | deny | mask:<method>}, the rules that applied as {@code <set>/<rule>@<version>}; no
 * attribute value ever appears. Bundle {@code scenarios/combining}.
 */
public class AuditScenario {
  private static final String SECRET_REGION = "Atlantis-7";
  private static final String SECRET_CLEARANCE = "ultra-secret-xyz";
  private static final Subject FAY = subject("fay", List.of("finance"), List.of("pii-reader"),
      Map.of("region", SECRET_REGION, "clearance", SECRET_CLEARANCE));

  private static InMemoryAuditSink audit;
  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    audit = new InMemoryAuditSink();
    engine = Scenarios.engine("combining", audit);
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  @BeforeEach
  public void clearAudit() {
    audit.clear();
  }

  private static AccessRequest ledger() {
    return request(FAY, "finance.ledger").columns("account", "email", "card", "iban").purpose("fraud-investigation")
        .build();
  }

  private static List<String> rules(Decision decision) {
    List<String> rules = new ArrayList<>();
    for (RuleReference rule : decision.appliedRules()) {
      rules.add(rule.toString());
    }
    return rules;
  }

  @Test
  public void permit_oneRecordWithEverySpecField() {
    Decision decision = engine.decide(ledger());
    // the decision itself carries the subject's region in a residual; the audit record must not
    assertTrue(DecisionJson.write(decision, false).contains("region == '" + SECRET_REGION + "'"));
    List<AuditRecord> records = audit.records();
    assertEquals(1, records.size());
    AuditRecord record = records.get(0);
    assertEquals(decision.decisionId(), record.decisionId());
    assertEquals(Scenarios.CLOCK_INSTANT, record.time());
    assertEquals("fay", record.subject());
    assertEquals("finance.ledger", record.product());
    assertEquals("2.1.0", record.productVersion());
    assertEquals("read", record.action());
    assertEquals("fraud-investigation", record.purpose());
    assertEquals(Effect.PERMIT, record.effect());
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("account", "allow");
    columns.put("email", "mask:email");
    columns.put("card", "deny");
    columns.put("iban", "deny");
    assertEquals(columns, record.columns());
    assertEquals(List.copyOf(columns.keySet()), List.copyOf(record.columns().keySet()), "decision order");
    assertEquals(rules(decision), record.rules());
    for (String rule : List.of("finance.access/permit-finance@1.0.0", "finance.access/remask-email@1.0.0",
        "finance.access/deny-card@1.0.0", "global.pci/z-deny-iban@1.0.0", "global.residency/own-region@1.0.0")) {
      assertTrue(record.rules().contains(rule), () -> rule + " missing from " + record.rules());
    }
    // global.masks/mask-email did not apply (pii-reader is exempt)
    assertFalse(record.rules().contains("global.masks/mask-email@1.2.0"), record.rules()::toString);
    assertEquals(decision.bundle().digest(), record.bundleDigest());
    assertTrue(record.latencyMicros() >= 0);
  }

  @Test
  public void jsonLine_holdsNoAttributeValueNorRoleNorSecretOfTheSubject() {
    engine.decide(ledger());
    engine.explain(ledger());
    engine.decide(request(FAY, "sales.orders").action(Action.EXPORT).build());
    List<AuditRecord> records = audit.records();
    assertEquals(3, records.size());
    for (AuditRecord record : records) {
      String line = AuditRecordJson.toJsonLine(record);
      assertFalse(line.contains(SECRET_REGION), line);
      assertFalse(line.contains(SECRET_CLEARANCE), line);
      assertFalse(line.contains("pii-reader"), line);
      assertFalse(line.contains("\n"), line);
      assertTrue(line.startsWith("{\"decisionId\":\"" + record.decisionId() + "\",\"time\":\"2026-11-24T10:00:05Z\","
          + "\"subject\":\"fay\","), line);
      assertEquals(record, AuditRecordJson.fromJsonLine(line));
    }
  }

  @Test
  public void deny_recordHasNoColumns_andNamesTheDenyingRule() {
    Subject contractor = subject("carl", List.of("finance", "contractors"), List.of(), Map.of("region", SECRET_REGION));
    Decision decision = engine.decide(request(contractor, "finance.ledger").purpose("x").build());
    AuditRecord record = audit.records().get(0);
    assertEquals(Effect.DENY, record.effect());
    assertEquals(Map.of(), record.columns());
    assertTrue(record.rules().contains("global.access/deny-contractors@1.0.0"), record.rules()::toString);
    assertEquals(rules(decision), record.rules());
    assertFalse(AuditRecordJson.toJsonLine(record).contains(SECRET_REGION));
  }

  @Test
  public void noPermit_recordHasEffectDenyAndNoRules() {
    Subject nobody = subject("nick", List.of(), List.of(), Map.of());
    engine.decide(request(nobody, "finance.ledger").build());
    AuditRecord record = audit.records().get(0);
    assertEquals(Effect.DENY, record.effect());
    assertEquals(List.of(), record.rules());
    assertEquals("", record.purpose());
  }

  @Test
  public void explain_isAuditedOnceLikeDecide() {
    Decision decision = engine.explain(ledger()).decision();
    assertEquals(1, audit.records().size());
    assertEquals(decision.decisionId(), audit.records().get(0).decisionId());
  }

  @Test
  public void explainAndDecide_sameRequest_sameAppliedRulesAndAuditRules() {
    Decision decided = engine.decide(ledger());
    Decision explained = engine.explain(ledger()).decision();
    assertEquals(decided.appliedRules(), explained.appliedRules());
    List<AuditRecord> records = audit.records();
    assertEquals(records.get(0).rules(), records.get(1).rules());
  }

  @Test
  public void recordThatCannotBeWritten_failsTheDecision_neverDroppedSilently() {
    InMemoryAuditSink full = new InMemoryAuditSink(1);
    try (GovernanceEngine small = Scenarios.engine("combining", full)) {
      small.decide(ledger());
      assertThrows(AuditException.class, () -> small.decide(ledger()));
      assertEquals(1, full.records().size());
    }
  }

  @Test
  public void decisionIds_unique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      assertTrue(ids.add(engine.decide(ledger()).decisionId()));
    }
    assertEquals(1_000, audit.records().size());
  }

  @Test
  public void fileSink_appendsAcrossRestarts_neverRewrites(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("audit.jsonl");
    List<String> ids = new ArrayList<>();
    try (GovernanceEngine first = GovernanceEngine.builder().bundle(Scenarios.bundle("combining"))
        .auditSink(JsonLinesAuditSink.open(file)).clock(Scenarios.CLOCK).build()) {
      ids.add(first.decide(ledger()).decisionId());
      ids.add(first.decide(request(FAY, "sales.orders").build()).decisionId());
    }
    List<String> before = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(2, before.size());
    try (GovernanceEngine second = GovernanceEngine.builder().bundle(Scenarios.bundle("combining"))
        .auditSink(JsonLinesAuditSink.open(file)).clock(Scenarios.CLOCK).build()) {
      ids.add(second.decide(ledger()).decisionId());
    }
    List<String> after = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(3, after.size());
    assertEquals(before, after.subList(0, 2));
    List<String> recorded = new ArrayList<>();
    for (String line : after) {
      assertFalse(line.contains(SECRET_REGION), line);
      assertFalse(line.contains(SECRET_CLEARANCE), line);
      recorded.add(AuditRecordJson.fromJsonLine(line).decisionId());
    }
    assertEquals(ids, recorded);
  }
}
