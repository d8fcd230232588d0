package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Explanation;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.api.TraceEntry;
import io.meshgov.api.TraceStatus;
import io.meshgov.engine.GovernanceEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md (explain): the trace lists every rule of the product's plan, the rules the evaluation
 * left out before their conditions included, each once with the first reason. Bundle {@code
 * scenarios/explain}: product {@code lab.records} (columns id, email [pii.email], phone
 * [pii.phone], amount, note, created), global access and mask rules, three versions of {@code
 * global.notes}, and domain rules of {@code lab} and of another domain, {@code ops}, which are never
 * listed for {@code lab.records}, nor is {@code global.access/permit-ops-only}, whose product match
 * selects only {@code ops.events}.
 */
public class ExplainScenario {
  private static final Subject STAFF = subject("sue", List.of("staff"), List.of(), Map.of());
  private static final String NOT_AT = ", not at 2026-11-24T10:00:00Z";

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("explain");
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  private static RuleReference rule(String set, String id) {
    return Scenarios.rule(set, id, "1.0.0");
  }

  private static TraceEntry entry(TraceStatus status, RuleReference rule, String kind, String column, String why,
      String... matched) {
    return new TraceEntry(rule, kind, column, status, why, List.of(matched));
  }

  private static TraceEntry evaluated(boolean applied, RuleReference rule, String kind, String why) {
    return new TraceEntry(rule, kind, null, applied, why);
  }

  /** Read of id, email and note: phone, amount and created are not requested. */
  private static AccessRequest.Builder readSome() {
    return request(STAFF, "lab.records").columns("id", "email", "note");
  }

  @Test
  public void columnsNotRequested_andOtherActions_areListedOnceWithTheirReason_inCombiningOrder() {
    Explanation explanation = engine.explain(readSome().build());
    assertEquals(Effect.PERMIT, explanation.decision().effect());
    assertEquals(List.of(
        // access rules, in tie-break order; deny-export matches export only
        evaluated(false, rule("global.access", "deny-blocked"), "access", "'when' is false"),
        entry(TraceStatus.EXCLUDED, rule("global.access", "deny-export"), "access", null,
            "match.actions is [export], the request is read"),
        evaluated(true, rule("global.access", "permit-staff"), "access", "matched, 'when' is true"),
        // requested columns in request order; hash-contacts also matches phone, which is not requested
        entry(TraceStatus.APPLIES, rule("global.masks", "hash-contacts"), "mask", "email", "matched",
            "email", "phone"),
        entry(TraceStatus.APPLIES, rule("global.masks", "mask-email"), "mask", "email", "matched", "email"),
        entry(TraceStatus.APPLIES, rule("global.masks", "deny-note"), "access", "note",
            "matched, 'unless' is false", "note"),
        // the versions of global.notes not in force, beside the one that is
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "1.0.0"), "mask", null,
            "in force from 2026-01-01T00:00:00Z until 2026-07-01T00:00:00Z" + NOT_AT, "note"),
        entry(TraceStatus.APPLIES, Scenarios.rule("global.notes", "redact-notes", "2.0.0"), "mask", "note", "matched",
            "note"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "3.0.0"), "mask", null,
            "in force from 2027-01-01T00:00:00Z" + NOT_AT, "note"),
        // then the columns not requested, in catalog order
        entry(TraceStatus.NOT_REQUESTED, rule("global.masks", "hash-phones"), "mask", null,
            "matches column phone, not requested", "phone"),
        // excluded by its action and not requested: one entry, the first reason
        entry(TraceStatus.EXCLUDED, rule("global.masks", "deny-amount-on-export"), "access", null,
            "match.actions is [export], the request is read", "amount"),
        // then column rules that match no column of the product
        entry(TraceStatus.EXCLUDED, rule("global.masks", "year-of-birth"), "mask", null,
            "match.columns matches no column of lab.records"),
        entry(TraceStatus.EXCLUDED, rule("lab.rows", "export-rows"), "row-filter", null,
            "match.actions is [export], the request is read"),
        evaluated(true, rule("lab.rows", "recent-only"), "row-filter", "matched"),
        evaluated(true, rule("lab.rows", "keep-a-year"), "retention", "matched")),
        explanation.trace());
  }

  @Test
  public void everyColumnRequested_nothingIsNotRequested_andEachColumnHasItsLines() {
    Explanation explanation = engine.explain(request(STAFF, "lab.records").build());
    List<TraceEntry> columnRules = explanation.trace().stream()
        .filter(entry -> !entry.matchedColumns().isEmpty()).toList();
    assertEquals(List.of(
        entry(TraceStatus.APPLIES, rule("global.masks", "hash-contacts"), "mask", "email", "matched",
            "email", "phone"),
        entry(TraceStatus.APPLIES, rule("global.masks", "mask-email"), "mask", "email", "matched", "email"),
        entry(TraceStatus.APPLIES, rule("global.masks", "hash-contacts"), "mask", "phone", "matched",
            "email", "phone"),
        entry(TraceStatus.APPLIES, rule("global.masks", "hash-phones"), "mask", "phone", "matched", "phone"),
        entry(TraceStatus.EXCLUDED, rule("global.masks", "deny-amount-on-export"), "access", null,
            "match.actions is [export], the request is read", "amount"),
        entry(TraceStatus.APPLIES, rule("global.masks", "deny-note"), "access", "note",
            "matched, 'unless' is false", "note"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "1.0.0"), "mask", null,
            "in force from 2026-01-01T00:00:00Z until 2026-07-01T00:00:00Z" + NOT_AT, "note"),
        entry(TraceStatus.APPLIES, Scenarios.rule("global.notes", "redact-notes", "2.0.0"), "mask", "note", "matched",
            "note"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "3.0.0"), "mask", null,
            "in force from 2027-01-01T00:00:00Z" + NOT_AT, "note")),
        columnRules);
  }

  @Test
  public void deny_listsTheRulesItDoesNotEvaluate_unlessAnEarlierReasonLeftThemOut() {
    Explanation explanation = engine.explain(readSome().action(Action.EXPORT).build());
    assertEquals(Effect.DENY, explanation.decision().effect());
    String denied = "the request is denied";
    assertEquals(List.of(
        evaluated(false, rule("global.access", "deny-blocked"), "access", "'when' is false"),
        evaluated(true, rule("global.access", "deny-export"), "access", "matched"),
        evaluated(true, rule("global.access", "permit-staff"), "access", "matched, 'when' is true"),
        entry(TraceStatus.NOT_EVALUATED, rule("global.masks", "hash-contacts"), "mask", null, denied, "email", "phone"),
        entry(TraceStatus.NOT_EVALUATED, rule("global.masks", "mask-email"), "mask", null, denied, "email"),
        entry(TraceStatus.NOT_EVALUATED, rule("global.masks", "deny-note"), "access", null, denied, "note"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "1.0.0"), "mask", null,
            "in force from 2026-01-01T00:00:00Z until 2026-07-01T00:00:00Z" + NOT_AT, "note"),
        entry(TraceStatus.NOT_EVALUATED, Scenarios.rule("global.notes", "redact-notes", "2.0.0"), "mask", null, denied,
            "note"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "3.0.0"), "mask", null,
            "in force from 2027-01-01T00:00:00Z" + NOT_AT, "note"),
        // export is deny-amount-on-export's action: it is left out because amount is not requested,
        // a reason that comes before the deny
        entry(TraceStatus.NOT_REQUESTED, rule("global.masks", "hash-phones"), "mask", null,
            "matches column phone, not requested", "phone"),
        entry(TraceStatus.NOT_REQUESTED, rule("global.masks", "deny-amount-on-export"), "access", null,
            "matches column amount, not requested", "amount"),
        entry(TraceStatus.EXCLUDED, rule("global.masks", "year-of-birth"), "mask", null,
            "match.columns matches no column of lab.records"),
        entry(TraceStatus.NOT_EVALUATED, rule("lab.rows", "export-rows"), "row-filter", null, denied),
        entry(TraceStatus.NOT_EVALUATED, rule("lab.rows", "recent-only"), "row-filter", null, denied),
        entry(TraceStatus.NOT_EVALUATED, rule("lab.rows", "keep-a-year"), "retention", null, denied)),
        explanation.trace());
  }

  @Test
  public void stackedVersions_theLowerOneIsSuperseded() {
    Explanation explanation = engine.explain(readSome().at(Instant.parse("2027-02-01T00:00:00Z")).build());
    List<TraceEntry> notes = explanation.trace().stream()
        .filter(entry -> entry.rule().id().equals("global.notes/redact-notes")).toList();
    assertEquals(List.of(
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "1.0.0"), "mask", null,
            "in force from 2026-01-01T00:00:00Z until 2026-07-01T00:00:00Z, not at 2027-02-01T00:00:00Z", "note"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "2.0.0"), "mask", null,
            "superseded by version 3.0.0, the highest version in force at 2027-02-01T00:00:00Z", "note"),
        entry(TraceStatus.APPLIES, Scenarios.rule("global.notes", "redact-notes", "3.0.0"), "mask", "note", "matched",
            "note")),
        notes);
  }

  @Test
  public void otherProductsRules_areListedForThem_notForThisOne() {
    Subject anyone = subject("otto", List.of(), List.of(), Map.of());
    Explanation explanation = engine.explain(request(anyone, "ops.events").columns("id").build());
    assertEquals(List.of(
        evaluated(false, rule("global.access", "deny-blocked"), "access", "'when' is false"),
        entry(TraceStatus.EXCLUDED, rule("global.access", "deny-export"), "access", null,
            "match.actions is [export], the request is read"),
        evaluated(true, rule("global.access", "permit-ops-only"), "access", "matched"),
        evaluated(false, rule("global.access", "permit-staff"), "access", "'when' is false"),
        entry(TraceStatus.APPLIES, rule("ops.masks", "hash-ids"), "mask", "id", "matched", "id"),
        entry(TraceStatus.NOT_REQUESTED, rule("global.masks", "year-of-birth"), "mask", null,
            "matches column birth_date, not requested", "birth_date"),
        entry(TraceStatus.EXCLUDED, rule("global.masks", "deny-amount-on-export"), "access", null,
            "match.actions is [export], the request is read"),
        entry(TraceStatus.EXCLUDED, rule("global.masks", "deny-note"), "access", null,
            "match.columns matches no column of ops.events"),
        entry(TraceStatus.EXCLUDED, rule("global.masks", "hash-contacts"), "mask", null,
            "match.columns matches no column of ops.events"),
        entry(TraceStatus.EXCLUDED, rule("global.masks", "hash-phones"), "mask", null,
            "match.columns matches no column of ops.events"),
        entry(TraceStatus.EXCLUDED, rule("global.masks", "mask-email"), "mask", null,
            "match.columns matches no column of ops.events"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "1.0.0"), "mask", null,
            "in force from 2026-01-01T00:00:00Z until 2026-07-01T00:00:00Z" + NOT_AT),
        entry(TraceStatus.EXCLUDED, Scenarios.rule("global.notes", "redact-notes", "2.0.0"), "mask", null,
            "match.columns matches no column of ops.events"),
        entry(TraceStatus.NOT_IN_FORCE, Scenarios.rule("global.notes", "redact-notes", "3.0.0"), "mask", null,
            "in force from 2027-01-01T00:00:00Z" + NOT_AT)),
        explanation.trace());
  }

  /** The trace is built after the decision: explain decides exactly as decide does. */
  @Test
  public void explainDecidesAsDecideDoes() {
    for (AccessRequest request : List.of(readSome().build(), readSome().action(Action.EXPORT).build(),
        request(STAFF, "lab.records").build())) {
      Decision decided = engine.decide(request);
      Decision explained = engine.explain(request).decision();
      assertEquals(decided.effect(), explained.effect());
      assertEquals(decided.columns(), explained.columns());
      assertEquals(decided.rowFilters(), explained.rowFilters());
      assertEquals(decided.retention(), explained.retention());
      assertEquals(decided.reasons(), explained.reasons());
      assertEquals(decided.appliedRules(), explained.appliedRules());
    }
  }
}
