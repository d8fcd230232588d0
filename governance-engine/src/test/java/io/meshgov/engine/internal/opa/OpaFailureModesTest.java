package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OPA_RULE;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OUTSIDER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosed;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosedContaining;
import static io.meshgov.engine.internal.opa.OpaTestSupport.body;
import static io.meshgov.engine.internal.opa.OpaTestSupport.denialMessage;
import static io.meshgov.engine.internal.opa.OpaTestSupport.engine;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static io.meshgov.engine.internal.opa.OpaTestSupport.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Explanation;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.OpaStatistics;
import io.meshgov.api.Reason;
import io.meshgov.api.RuleReference;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Every way of not getting a usable answer from OPA denies (docs/opa.md), with a reason naming OPA,
 * the set and the cause, within the call deadline; the audit record carries the same {@code opa}
 * entry and the set's {@code opa} rule.
 */
class OpaFailureModesTest {
  /** Far beyond every deadline below; the deny must come long before it. */
  private static final long HANG_MILLIS = 5_000;
  /** The deadline of the timing tests, and the generous margin the deny must come within. */
  private static final Duration DEADLINE = Duration.ofMillis(200);

  private static final String PERMIT = "{\"access\": \"permit\"}";

  @StartStop final MockWebServer opa = new MockWebServer();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();

  private GovernanceEngine engine(OpaSettings.Builder settings) {
    return OpaTestSupport.engine(settings.build(), audit);
  }

  /** The one audit record has the decision's {@code opa} entry and names the set's opa rule. */
  private void assertAudited(Decision decision) {
    List<AuditRecord> records = audit.records();
    assertEquals(1, records.size());
    AuditRecord record = records.get(0);
    assertEquals(decision.decisionId(), record.decisionId());
    assertEquals(Effect.DENY, record.effect());
    assertEquals(decision.opa(), record.opa());
    assertTrue(record.rules().contains(OPA_RULE + "@" + SET_VERSION), () -> "rules: " + record.rules());
    assertEquals(0, record.columns().size());
  }

  @Test
  void connectionRefused_deniesNamingTheConnectFailure() throws Exception {
    MockWebServer dead = new MockWebServer();
    dead.start();
    String url = dead.url("/").toString();
    dead.close();
    Decision decision;
    try (GovernanceEngine engine = engine(OpaSettings.builder(URI.create(url)).callTimeout(Duration.ofSeconds(2)))) {
      decision = engine.decide(request(MEMBER, "region"));
    }
    String cause = assertFailClosedContaining(decision, "cannot reach OPA at " + url + ": ", "ConnectException");
    assertTrue(cause.startsWith("cannot reach OPA at " + url + ": ConnectException"), cause);
    assertAudited(decision);
  }

  @Test
  void hangingServer_deniesWithinTheDeadline() {
    opa.enqueue(new MockResponse.Builder().body("{\"result\": {}}").headersDelay(HANG_MILLIS, TimeUnit.MILLISECONDS)
        .build());
    // the read timeout, by default the call timeout, would race the deadline this test is about
    try (GovernanceEngine engine = engine(OpaSettings.builder(URI.create(opa.url("/").toString())).callTimeout(DEADLINE)
        .readTimeout(Duration.ofSeconds(10)))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA did not answer within 200 ms (the call deadline)");
      assertAudited(decision);
    }
  }

  @Test
  void slowBody_deniesWithinTheDeadline() {
    opa.enqueue(new MockResponse.Builder().body("{\"result\": {}}").bodyDelay(HANG_MILLIS, TimeUnit.MILLISECONDS)
        .build());
    try (GovernanceEngine engine = engine(OpaSettings.builder(URI.create(opa.url("/").toString())).callTimeout(DEADLINE)
        .readTimeout(Duration.ofSeconds(10)))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA did not answer within 200 ms (the call deadline)");
      assertAudited(decision);
    }
  }

  @Test
  void slowServer_readTimeoutShorterThanDeadline_deniesWithinTheDeadline() {
    opa.enqueue(new MockResponse.Builder().body("{\"result\": {}}").headersDelay(HANG_MILLIS, TimeUnit.MILLISECONDS)
        .build());
    try (GovernanceEngine engine = engine(OpaSettings.builder(URI.create(opa.url("/").toString()))
        .callTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofMillis(100)))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertEquals(Effect.DENY, decision.effect());
      assertTrue(OpaTestSupport.cause(decision).startsWith("OPA did not answer"), OpaTestSupport.cause(decision));
    }
  }

  @Test
  void http500_withOpaErrorBody_deniesNamingCodeAndMessage() {
    opa.enqueue(status(500, "{\"code\":\"internal_error\",\"message\":\"eval_conflict_error: complete rules must not "
        + "produce multiple outputs\"}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA answered HTTP 500: internal_error: eval_conflict_error: complete rules must not "
          + "produce multiple outputs");
      assertAudited(decision);
    }
  }

  @Test
  void http500_isNotRetried() {
    opa.enqueue(status(500, "{\"code\":\"internal_error\",\"message\":\"boom\"}"));
    opa.enqueue(result("d-2", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa).maxAttempts(3))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA answered HTTP 500: internal_error: boom");
      assertEquals(1, opa.getRequestCount());
      assertEquals(1, engine.opaStatistics().orElseThrow().httpAttempts());
    }
  }

  @Test
  void http400_deniesNamingOpasError() {
    opa.enqueue(status(400, "{\"code\":\"invalid_parameter\",\"message\":\"error(s) occurred while parsing input\"}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA answered HTTP 400: invalid_parameter: error(s) occurred while parsing input");
      assertEquals(1, opa.getRequestCount());
      assertAudited(decision);
    }
  }

  @Test
  void http404_deniesWithTheBodyText() {
    opa.enqueue(new MockResponse.Builder().code(404).body("404 page not found\n").build());
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA answered HTTP 404: 404 page not found");
      assertEquals(1, opa.getRequestCount());
      assertAudited(decision);
    }
  }

  @Test
  void http503_isRetriedOnce_thenTheAnswerIsUsed() {
    opa.enqueue(status(503, "{\"code\":\"unavailable\",\"message\":\"server is starting\"}"));
    opa.enqueue(result("d-2", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(OUTSIDER, "region"));
      assertEquals(Effect.PERMIT, decision.effect(), () -> "reasons: " + decision.reasons());
      assertEquals(List.of(new RuleReference(OPA_RULE, SET_VERSION)),
          decision.reasons().stream().map(Reason::rule).toList());
      assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-2", false, false, null)), decision.opa());
      assertEquals(2, opa.getRequestCount());
      assertEquals(2, engine.opaStatistics().orElseThrow().httpAttempts());
      assertEquals(decision.opa(), audit.records().get(0).opa());
    }
  }

  @Test
  void http503Slow_retryStaysWithinTheDeadline() {
    for (int i = 0; i < 2; i++) {
      opa.enqueue(new MockResponse.Builder().code(503).body("{\"code\":\"unavailable\",\"message\":\"slow\"}")
          .headersDelay(150, TimeUnit.MILLISECONDS).build());
    }
    try (GovernanceEngine engine = engine(OpaSettings.builder(URI.create(opa.url("/").toString())).callTimeout(DEADLINE))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertEquals(Effect.DENY, decision.effect());
      assertEquals(List.of(OPA_RULE), decision.reasons().stream().map(r -> r.rule().id()).toList());
    }
  }

  @Test
  void http503Twice_denies() {
    opa.enqueue(status(503, "{\"code\":\"unavailable\",\"message\":\"server is starting\"}"));
    opa.enqueue(status(503, "{\"code\":\"unavailable\",\"message\":\"server is still starting\"}"));
    opa.enqueue(result("d-3", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA answered HTTP 503: unavailable: server is still starting");
      assertEquals(2, opa.getRequestCount());
      assertAudited(decision);
    }
  }

  @Test
  void malformedJson_denies() {
    opa.enqueue(body("{\"result\": "));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA's answer is not valid JSON: 1:12: invalid JSON: Unexpected end-of-input "
          + "within/between Object entries");
      assertAudited(decision);
    }
  }

  @Test
  void emptyBody_denies() {
    opa.enqueue(body(""));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosedContaining(decision, "OPA's answer is not valid JSON");
    }
  }

  @Test
  void nonObjectBody_denies() {
    opa.enqueue(body("[]"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA's answer is a list, not a JSON object");
      assertAudited(decision);
    }
  }

  @Test
  void resultNotAnObject_denies() {
    opa.enqueue(body("{\"result\": true}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA's result is invalid: 1:12: the OPA result must be a mapping, not a boolean "
          + "[wrong-type]");
      assertAudited(decision);
    }
  }

  @Test
  void decisionIdNotAString_denies() {
    opa.enqueue(body("{\"decision_id\": 42, \"result\": {}}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA's decision_id is an integer, not a string");
      assertAudited(decision);
    }
  }

  @Test
  void bodyOverOneMebibyte_denies() {
    opa.enqueue(body("{\"result\": {}, \"padding\": \"" + "x".repeat(1 << 20) + "\"}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, "OPA's answer is larger than 1048576 bytes");
      assertAudited(decision);
    }
  }

  @Test
  void bodyOfExactlyOneMebibyte_isRead() {
    String start = "{\"decision_id\": \"d-big\", \"result\": {}, \"padding\": \"";
    String end = "\"}";
    opa.enqueue(body(start + "x".repeat((1 << 20) - start.length() - end.length()) + end));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertEquals(Effect.PERMIT, decision.effect(), () -> "reasons: " + decision.reasons());
      assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-big", false, false, null)), decision.opa());
    }
  }

  @Test
  void envelopeWithOtherFields_isAccepted() {
    opa.enqueue(body("{\"decision_id\": \"d-1\", \"metrics\": {\"timer_rego_query_eval_ns\": 1200}, "
        + "\"provenance\": {\"version\": \"1.0.0\"}, \"result\": {}}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertEquals(Effect.PERMIT, decision.effect());
      assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-1", false, false, null)), decision.opa());
    }
  }

  @Test
  void redirect_isNotFollowed_andDenies() {
    opa.enqueue(new MockResponse.Builder().code(307).setHeader("Location", opa.url("/elsewhere").toString()).build());
    opa.enqueue(result("d-2", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosedContaining(decision, "OPA answered HTTP 307");
      assertEquals(1, opa.getRequestCount());
    }
  }

  @Test
  void failure_isCountedInStatistics() {
    opa.enqueue(status(400, "{\"code\":\"invalid_parameter\",\"message\":\"bad\"}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      engine.decide(request(MEMBER, "region"));
      OpaStatistics statistics = engine.opaStatistics().orElseThrow();
      assertEquals(new OpaStatistics(0, 1, 1, 1, 0, "closed"), statistics);
    }
  }

  @Test
  void explain_failure_tracesTheDenialOfTheSet() {
    opa.enqueue(status(400, "{\"code\":\"invalid_parameter\",\"message\":\"bad\"}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Explanation explanation = engine.explain(request(MEMBER, "region"));
      assertFailClosed(explanation.decision(), "OPA answered HTTP 400: invalid_parameter: bad");
      TraceEntry first = explanation.trace().get(0);
      assertEquals(new TraceEntry(new RuleReference(OPA_RULE, SET_VERSION), "opa", null, true,
          denialMessage("OPA answered HTTP 400: invalid_parameter: bad")), first);
    }
  }
}
