package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.engine;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.Effect;
import io.meshgov.api.Explanation;
import io.meshgov.api.RuleReference;
import io.meshgov.api.TraceEntry;
import io.meshgov.api.TraceStatus;
import io.meshgov.engine.GovernanceEngine;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The rules an OPA answer contributes are part of the product's plan for that decision, and explain
 * lists them like the bundle's (docs/cli.md, explain): evaluated where the request reads their
 * column, {@code [not requested]} where it does not.
 */
class OpaExplainTest {
  /** Masks two columns and denies a third; the request reads only one of them. */
  private static final String ANSWER = "{\"access\": \"permit\", "
      + "\"reasons\": [{\"rule\": \"permit-fraud-analysts\", \"message\": \"screened\"}], "
      + "\"columns\": {\"card_number\": {\"effect\": \"mask\", \"method\": \"hash\", \"rule\": \"hash-card\"}, "
      + "\"cardholder_email\": {\"effect\": \"mask\", \"method\": \"hash\", \"rule\": \"hash-email\"}, "
      + "\"fraud_score\": {\"effect\": \"deny\", \"rule\": \"score-need-to-know\"}}}";

  @StartStop final MockWebServer opa = new MockWebServer();

  private static RuleReference contributed(String rule) {
    return RuleReference.of(SET, rule, SET_VERSION);
  }

  @Test
  void contributedRules_evaluatedOrNotRequested_inTheirPlace() {
    opa.enqueue(result("d-1", ANSWER));
    try (GovernanceEngine engine = engine(settings(opa).build())) {
      Explanation explanation = engine.explain(request(MEMBER, "region", "card_number"));
      assertEquals(Effect.PERMIT, explanation.decision().effect(), () -> explanation.decision().toString());
      assertEquals("opa", explanation.trace().get(0).kind());
      List<TraceEntry> fromOpa = explanation.trace().stream()
          .filter(entry -> entry.rule().id().startsWith(SET + "/") && !entry.kind().equals("opa")).toList();
      assertEquals(List.of(
          new TraceEntry(contributed("permit-fraud-analysts"), "access", null, true, "matched"),
          new TraceEntry(contributed("hash-card"), "mask", "card_number", TraceStatus.APPLIES, "matched",
              List.of("card_number")),
          new TraceEntry(contributed("hash-email"), "mask", null, TraceStatus.NOT_REQUESTED,
              "matches column cardholder_email, not requested", List.of("cardholder_email")),
          new TraceEntry(contributed("score-need-to-know"), "access", null, TraceStatus.NOT_REQUESTED,
              "matches column fraud_score, not requested", List.of("fraud_score"))),
          fromOpa);
      // the global card mask stands before the domain's contributed one on card_number
      List<String> onCardNumber = explanation.trace().stream()
          .filter(entry -> "card_number".equals(entry.column())).map(entry -> entry.rule().id()).toList();
      assertEquals(List.of("global.pii-protection/mask-card-number", SET + "/hash-card"), onCardNumber);
    }
  }
}
