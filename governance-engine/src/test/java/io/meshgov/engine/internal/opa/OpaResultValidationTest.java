package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OPA_RULE;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OUTSIDER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosed;
import static io.meshgov.engine.internal.opa.OpaTestSupport.body;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RuleReference;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OPA's {@code result} is read as strictly as a policy file (docs/opa.md): an undefined result
 * contributes nothing; every wrong field, column, effect, method, parameter, filter or period
 * denies, the cause naming the problem and its code in brackets. Answers use decision id {@code
 * d-x}, so a result starts at column 31 of OPA's response body, where positions point.
 */
class OpaResultValidationTest {
  // one engine for the class, without a cache: loading the shipped bundle for each case would dominate
  @StartStop static final MockWebServer opa = new MockWebServer();
  private static final InMemoryAuditSink audit = new InMemoryAuditSink();
  private static GovernanceEngine engine;

  @BeforeAll
  static void build() {
    engine = OpaTestSupport.engine(settings(opa).cache(Duration.ZERO, 0).build(), audit);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @BeforeEach
  void clearAudit() {
    audit.clear();
  }

  private Decision decide(MockResponse answer, String... columns) {
    opa.enqueue(answer);
    return engine.decide(request(MEMBER, columns));
  }

  /** OPA answers {@code result}; the member is denied because of {@code problem}. */
  private void assertInvalid(String result, String problem) {
    Decision decision = decide(result("d-x", result), "authorization_id", "card_number", "region");
    assertFailClosed(decision, "OPA's result is invalid: " + problem, "d-x");
  }

  private static Reason reason(String rule, Effect effect, String message) {
    return new Reason(new RuleReference(rule, rule.startsWith(SET) ? SET_VERSION : "1.0.0"), effect, message);
  }

  // ---- undefined results contribute nothing ----

  private void assertUndefined(MockResponse answer, String decisionId) {
    int requestsBefore = opa.getRequestCount();
    opa.enqueue(answer);
    opa.enqueue(answer);
    Decision member = engine.decide(request(MEMBER, "region"));
    assertEquals(Effect.PERMIT, member.effect());
    assertEquals(List.of(reason("global.access/permit-domain-members", Effect.PERMIT,
        "Restricted and confidential products are open to the members of the owning domain (the directory group "
            + "is named after the domain).")), member.reasons());
    assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, decisionId, false, false, null)), member.opa());

    Decision outsider = engine.decide(request(OUTSIDER, "region"));
    assertEquals(Effect.DENY, outsider.effect());
    assertEquals(List.of(new Reason(RuleReference.NO_PERMIT, Effect.DENY,
        "no access rule permits read on finance.card_authorizations")), outsider.reasons());
    assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, decisionId, false, false, null)), outsider.opa());
    assertEquals(outsider.opa(), audit.records().get(1).opa());
    assertEquals(requestsBefore + 2, opa.getRequestCount());
  }

  @Test
  void undefined_emptyEnvelope_contributesNothing() {
    assertUndefined(body("{}"), null);
  }

  @Test
  void undefined_decisionIdWithoutResult_contributesNothing() {
    assertUndefined(body("{\"decision_id\":\"x\"}"), "x");
  }

  @Test
  void undefined_emptyResult_contributesNothing() {
    assertUndefined(body("{\"result\": {}}"), null);
  }

  @Test
  void emptyListsAndObjects_contributeNothing() {
    assertUndefined(body("{\"result\": {\"reasons\": [], \"columns\": {}, \"rowFilters\": []}}"), null);
  }

  // ---- a full, valid result ----

  @Test
  void validResult_everyContributionIsARuleOfTheSet() {
    Decision decision = decide(result("d-1", """
        {"access": "permit",
         "reasons": [{"rule": "fraud-analysts", "message": "fraud analysts investigate"}],
         "columns": {"fraud_score": {"effect": "deny", "rule": "score-need-to-know"},
                     "cardholder_email": {"effect": "mask", "method": "redact", "replacement": "[email]"},
                     "merchant_id": {"effect": "allow"},
                     "card_number": {"effect": "mask", "method": "partial", "showLast": 2, "rule": "two-digits"}},
         "rowFilters": [{"rule": "since-2025", "expression": "authorization_date >= timestamp('2025-01-01T00:00:00Z')"},
                        {"expression": "declined == false"}],
         "retention": {"basis": "authorization_date", "minimum": "P1Y", "maximum": "P2Y", "action": "anonymize"}}
        """), "fraud_score", "cardholder_email", "merchant_id", "card_number");
    assertEquals(Effect.PERMIT, decision.effect(), () -> "reasons: " + decision.reasons());
    assertEquals(List.of(reason(SET + "/fraud-analysts", Effect.PERMIT, "fraud analysts investigate"),
        reason("global.access/permit-domain-members", Effect.PERMIT, "Restricted and confidential products are open "
            + "to the members of the owning domain (the directory group is named after the domain).")).stream()
        .sorted(java.util.Comparator.comparing(r -> r.rule().id())).toList(),
        decision.reasons().stream().sorted(java.util.Comparator.comparing(r -> r.rule().id())).toList());
    assertEquals(List.of(
        new ColumnDecision("fraud_score", io.meshgov.api.ColumnType.INTEGER, ColumnEffect.DENY, null,
            new RuleReference(SET + "/score-need-to-know", SET_VERSION)),
        new ColumnDecision("cardholder_email", io.meshgov.api.ColumnType.STRING, ColumnEffect.MASK,
            new Mask(MaskMethod.REDACT, Map.of("replacement", "[email]")), new RuleReference(OPA_RULE, SET_VERSION)),
        ColumnDecision.allow("merchant_id", io.meshgov.api.ColumnType.STRING),
        new ColumnDecision("card_number", io.meshgov.api.ColumnType.STRING, ColumnEffect.MASK,
            new Mask(MaskMethod.PARTIAL, Map.of("showFirst", 0, "showLast", 2, "maskChar", "*")),
            new RuleReference(SET + "/two-digits", SET_VERSION))), decision.columns());
    assertEquals(List.of(
        "global.residency/regional-rows@1.0.0 region == 'EU'",
        SET + "/opa@1.0.0 declined == false",
        SET + "/since-2025@1.0.0 authorization_date >= timestamp('2025-01-01T00:00:00Z')",
        "retention authorization_date >= timestamp('2024-11-24T10:00:00Z')"),
        decision.rowFilters().stream().map(f -> f.rule() + " " + f.expression()).toList());
    assertEquals(new io.meshgov.api.RetentionObligation("authorization_date", Period.ofYears(1), Period.ofYears(2),
        RetentionAction.ANONYMIZE, Instant.parse("2024-11-24T10:00:00Z"), false, false), decision.retention());
    assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-1", false, false, null)), decision.opa());
    AuditRecord record = audit.records().get(0);
    assertEquals(Map.of("fraud_score", "deny", "cardholder_email", "mask:redact", "merchant_id", "allow",
        "card_number", "mask:partial"), record.columns());
    assertEquals(decision.opa(), record.opa());
  }

  @Test
  void accessWithoutReasons_isTheSetsOpaRule() {
    Decision decision = decide(result("d-1", "{\"access\": \"deny\"}"), "region");
    assertEquals(Effect.DENY, decision.effect());
    assertEquals(List.of(reason(OPA_RULE, Effect.DENY, "denied by " + OPA_RULE)), decision.reasons());
    assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-1", false, false, null)), decision.opa());
    assertEquals(List.of("global.access/permit-domain-members@1.0.0", OPA_RULE + "@" + SET_VERSION),
        audit.records().get(0).rules(), "every rule that applied, the overruled permit included");
  }

  @Test
  void columnOfTheProductNotRequested_isAccepted_andNotInTheDecision() {
    Decision decision = decide(result("d-1", "{\"columns\": {\"fraud_score\": {\"effect\": \"deny\"}, "
        + "\"cardholder_email\": {\"effect\": \"mask\", \"method\": \"hash\"}}}"), "region", "amount");
    assertEquals(Effect.PERMIT, decision.effect(), () -> "reasons: " + decision.reasons());
    assertEquals(List.of("region", "amount"), decision.columns().stream().map(ColumnDecision::name).toList());
    assertEquals(ColumnEffect.ALLOW, decision.column("amount").effect());
    assertNull(decision.column("fraud_score"));
    assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-1", false, false, null)), decision.opa());
  }

  // ---- invalid results deny ----

  @Test
  void unknownTopLevelField_denies() {
    assertInvalid("{\"acess\": \"permit\"}",
        "1:32: unknown key 'acess' in the OPA result [unknown-key] (did you mean 'access'?)");
  }

  @Test
  void unknownColumn_denies() {
    assertInvalid("{\"columns\": {\"card_numbr\": {\"effect\": \"deny\"}}}",
        "1:44: the OPA result names column 'card_numbr', which the product does not have [opa-unknown-column] "
            + "(did you mean 'card_number'?)");
  }

  @Test
  void unknownColumnEffect_denies() {
    assertInvalid("{\"columns\": {\"card_number\": {\"effect\": \"hide\"}}}",
        "1:70: unknown column effect 'hide' [unknown-effect] (use one of allow, deny, mask)");
  }

  @Test
  void unknownAccessEffect_denies() {
    assertInvalid("{\"access\": \"allow\"}", "1:42: unknown effect 'allow' [unknown-effect] (use one of permit, deny)");
  }

  @Test
  void maskWithoutMethod_denies() {
    assertInvalid("{\"columns\": {\"card_number\": {\"effect\": \"mask\"}}}",
        "1:59: a mask of column 'card_number' is missing required key 'method' [missing-key] (add 'method:')");
  }

  @Test
  void unknownMaskMethod_deniesWithASuggestion() {
    assertInvalid("{\"columns\": {\"card_number\": {\"effect\": \"mask\", \"method\": \"hsh\"}}}",
        "1:88: unknown mask method 'hsh' [unknown-mask-method] (did you mean 'hash'?)");
  }

  @Test
  void unknownMaskParameter_denies() {
    assertInvalid("{\"columns\": {\"card_number\": {\"effect\": \"mask\", \"method\": \"partial\", \"showMiddle\": 2}}}",
        "1:99: mask method 'partial' has no parameter 'showMiddle' (it takes showFirst, showLast, maskChar) "
            + "[mask-parameter] (mask method 'partial' takes maskChar, showFirst, showLast)");
  }

  @Test
  void maskParameterOfTheWrongType_denies() {
    assertInvalid("{\"columns\": {\"card_number\": {\"effect\": \"mask\", \"method\": \"partial\", \"showLast\": \"two\"}}}",
        "1:111: mask parameter 'showLast' must be an integer, not a string [mask-parameter] "
            + "(mask method 'partial' takes maskChar, showFirst, showLast)");
  }

  @Test
  void maskParameterNotAScalar_denies() {
    assertInvalid("{\"columns\": {\"card_number\": {\"effect\": \"mask\", \"method\": \"partial\", \"showLast\": true}}}",
        "1:111: mask parameter 'showLast' must be a number or a string, not a boolean [wrong-type]");
  }

  @Test
  void parameterOnANonMaskColumn_denies() {
    assertInvalid("{\"columns\": {\"card_number\": {\"effect\": \"deny\", \"showLast\": 2}}}",
        "1:78: unknown key 'showLast' in the decision for column 'card_number' [unknown-key] "
            + "(only a mask takes parameters; allowed keys: effect, rule)");
  }

  @Test
  void filterThatDoesNotTypeCheck_denies() {
    assertInvalid("{\"rowFilters\": [{\"expression\": \"region == 1\"}]}",
        "1:70: CEL type error: '==' cannot be applied to string and int (for product finance.card_authorizations) [cel-type] (fix the expression's types)");
  }

  @Test
  void filterOutsideTheSqlSubset_denies() {
    assertInvalid("{\"rowFilters\": [{\"expression\": \"region.matches('E.*')\"}]}",
        "1:77: 'matches' is not allowed in a row filter [filter-subset] (row filters may use comparisons, && || !, "
            + "in a list, startsWith, endsWith, contains, size, arithmetic and timestamp(...))");
  }

  @Test
  void filterNamingAnUnknownColumn_denies() {
    assertInvalid("{\"rowFilters\": [{\"expression\": \"regoin == 'EU'\"}]}",
        "1:63: filter names column 'regoin', which product finance.card_authorizations lacks "
            + "[filter-missing-column] (narrow match.products so the rule only matches products with this column, "
            + "or fix the column name)");
  }

  @Test
  void filterWithoutExpression_denies() {
    assertInvalid("{\"rowFilters\": [{\"rule\": \"eu\"}]}",
        "1:47: a row filter is missing required key 'expression' [missing-key] (add 'expression:')");
  }

  @Test
  void retentionBasisNotADateColumn_denies() {
    assertInvalid("{\"retention\": {\"basis\": \"region\", \"maximum\": \"P5Y\", \"action\": \"delete\"}}",
        "1:55: retention basis 'region' of product finance.card_authorizations is a string column, not a date or "
            + "timestamp [retention-basis] (name a date or timestamp column)");
  }

  @Test
  void retentionBadPeriod_denies() {
    assertInvalid("{\"retention\": {\"basis\": \"authorization_date\", \"maximum\": \"5 years\", \"action\": \"delete\"}}",
        "1:88: '5 years' is not an ISO-8601 period [invalid-period] (write a period like P7Y, P18M or P30D)");
  }

  @Test
  void retentionMaximumWithoutBasis_denies() {
    assertInvalid("{\"retention\": {\"maximum\": \"P5Y\"}}",
        "1:45: a retention maximum needs a 'basis' date column [missing-basis] "
            + "(add basis: <the date or timestamp column rows age by>)");
  }

  @Test
  void reasonsWithoutAccess_denies() {
    assertInvalid("{\"reasons\": [{\"rule\": \"r\", \"message\": \"m\"}]}",
        "1:32: the OPA result gives 'reasons' but no 'access'; reasons explain an access contribution "
            + "[opa-reasons-without-access] (add \"access\": \"permit\" or \"deny\" beside the reasons, or drop the "
            + "reasons)");
  }

  @Test
  void accessNotAString_denies() {
    assertInvalid("{\"access\": true}", "1:42: 'access' of the OPA result must be a string, not a boolean [wrong-type]");
  }

  @Test
  void columnsAsAList_denies() {
    assertInvalid("{\"columns\": []}",
        "1:43: 'columns' of the OPA result must be an object of column name to decision, not a list [wrong-type] "
            + "(write {\"card_number\": {\"effect\": \"deny\"}})");
  }

  @Test
  void rowFiltersAsAnObject_denies() {
    assertInvalid("{\"rowFilters\": {}}",
        "1:46: 'rowFilters' of the OPA result must be a list, not a mapping [wrong-type]");
  }

  @Test
  void columnDecisionNotAnObject_denies() {
    assertInvalid("{\"columns\": {\"card_number\": \"deny\"}}",
        "1:59: the decision for column 'card_number' must be an object, not a string [wrong-type] "
            + "(write {\"effect\": \"allow\" | \"deny\" | \"mask\", …})");
  }

  @Test
  void ruleNameWithASlash_denies() {
    assertInvalid("{\"access\": \"permit\", \"reasons\": [{\"rule\": \"a/b\", \"message\": \"m\"}]}",
        "1:73: rule name 'a/b' is not a rule id [invalid-name] "
            + "(use letters, digits, '-', '_', '.' or ':', starting with a letter or digit)");
  }

  @Test
  void severalProblems_areAllNamed() {
    assertInvalid("{\"acess\": \"permit\", \"columns\": {\"card_numbr\": {\"effect\": \"deny\"}}}",
        "1:32: unknown key 'acess' in the OPA result [unknown-key] (did you mean 'access'?); "
            + "1:63: the OPA result names column 'card_numbr', which the product does not have [opa-unknown-column] "
            + "(did you mean 'card_number'?)");
  }

  @Test
  void invalidResult_isAuditedWithTheSetsOpaRule() {
    Decision decision = decide(result("d-x", "{\"acess\": \"permit\"}"), "region");
    AuditRecord record = audit.records().get(0);
    assertEquals(Effect.DENY, record.effect());
    assertEquals(List.of(OPA_RULE + "@" + SET_VERSION, "global.access/permit-domain-members@1.0.0"), record.rules());
    assertEquals(decision.opa(), record.opa());
  }

  @Test
  void invalidResult_keepsOpasDecisionId() {
    // regression: the decision id of an answer meshgov rejected was dropped, losing the join with OPA's decision log
    Decision decision = decide(result("d-x", "{\"acess\": \"permit\"}"), "region");
    assertEquals(Effect.DENY, decision.effect());
    assertEquals("d-x", decision.opa().get(0).decisionId());
    assertEquals("d-x", audit.records().get(0).opa().get(0).decisionId());
  }

  @Test
  void duplicateAccessKey_deniesRatherThanPickingOne() {
    Decision decision = decide(body("{\"decision_id\":\"d-x\",\"result\":{\"access\":\"deny\",\"access\":\"permit\"}}"),
        "region");
    assertEquals(Effect.DENY, decision.effect());
    assertEquals(List.of(OPA_RULE), decision.reasons().stream().map(r -> r.rule().id()).toList());
    assertTrue(OpaTestSupport.cause(decision).contains("duplicate key 'access'"), OpaTestSupport.cause(decision));
  }

  @Test
  void duplicateColumnKey_deniesRatherThanPickingOne() {
    Decision decision = decide(result("d-x", "{\"columns\": {\"card_number\": {\"effect\": \"deny\"}, "
        + "\"card_number\": {\"effect\": \"allow\"}}}"), "card_number");
    assertEquals(Effect.DENY, decision.effect());
    assertTrue(OpaTestSupport.cause(decision).contains("duplicate key 'card_number'"), OpaTestSupport.cause(decision));
  }

  @Test
  void maskThatDoesNotApplyToTheColumnType_isEscalated_andTheDecisionNamesTheMethodApplied() {
    Decision decision = decide(result("d-1", "{\"columns\": {\"fraud_score\": {\"effect\": \"mask\", "
        + "\"method\": \"email\", \"rule\": \"hide-score\"}}}"), "fraud_score");
    assertEquals(Effect.PERMIT, decision.effect(), () -> "opa: " + decision.opa());
    assertEquals(new ColumnDecision("fraud_score", io.meshgov.api.ColumnType.INTEGER, ColumnEffect.MASK,
        Mask.of(MaskMethod.DEFAULT), new RuleReference(SET + "/hide-score", SET_VERSION)),
        decision.column("fraud_score"));
  }

  @Test
  void filterNamingSubjectOrRequest_isReturnedAsAResidual() {
    Decision decision = decide(result("d-1", "{\"rowFilters\": [{\"rule\": \"own-region\", \"expression\": "
        + "\"region == subject.attributes.region && request.purpose != ''\"}]}"), "region");
    assertEquals(Effect.PERMIT, decision.effect(), () -> "opa: " + decision.opa());
    assertEquals("region == 'EU'", decision.rowFilters().stream()
        .filter(f -> f.rule().id().equals(SET + "/own-region")).findFirst().orElseThrow().expression());
  }
}
