package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OUTSIDER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosed;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static io.meshgov.engine.internal.opa.OpaTestSupport.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.internal.opa.OpaTestSupport.FakeTicker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker (docs/opa.md: "within the configured deadline"): after {@code failures}
 * consecutive failures to reach OPA, decisions deny at once without calling it; after the open
 * duration one trial call decides whether it closes again. Time is a fake ticker.
 */
class OpaCircuitBreakerTest {
  private static final String OPEN_CAUSE = "OPA failed 3 times in a row; the circuit breaker is open for another "
      + "1000 ms, so OPA was not called";
  private static final String UNAVAILABLE = "{\"code\":\"unavailable\",\"message\":\"restarting\"}";

  @StartStop final MockWebServer opa = new MockWebServer();
  private final FakeTicker ticker = new FakeTicker();

  /** One attempt per decision, no cache: every decision is one call, or none when the breaker is open. */
  private GovernanceEngine engine() {
    return OpaTestSupport.engine(settings(opa)
        .circuitBreaker(3, Duration.ofSeconds(1))
        .maxAttempts(1)
        .cache(Duration.ZERO, 0)
        .ticker(ticker)
        .build());
  }

  private String breaker(GovernanceEngine engine) {
    return engine.opaStatistics().orElseThrow().circuitBreaker();
  }

  private void failThreeTimes(GovernanceEngine engine) {
    for (int i = 0; i < 3; i++) {
      opa.enqueue(status(503, UNAVAILABLE));
      assertFailClosed(engine.decide(request(MEMBER, "region")), "OPA answered HTTP 503: unavailable: restarting");
    }
    assertEquals(3, opa.getRequestCount());
  }

  @Test
  void threeFailures_openTheBreaker_andTheFourthDecisionMakesNoCall() {
    try (GovernanceEngine engine = engine()) {
      opa.enqueue(status(503, UNAVAILABLE));
      engine.decide(request(MEMBER, "region"));
      opa.enqueue(status(503, UNAVAILABLE));
      engine.decide(request(MEMBER, "region"));
      assertEquals("closed", breaker(engine), "two failures of three keep it closed");
      opa.enqueue(status(503, UNAVAILABLE));
      engine.decide(request(MEMBER, "region"));
      assertEquals("open", breaker(engine));
      assertEquals(3, opa.getRequestCount());

      opa.enqueue(result("d-never", "{\"access\": \"permit\"}"));
      Decision fourth = engine.decide(request(MEMBER, "region"));
      assertFailClosed(fourth, OPEN_CAUSE);
      assertEquals(3, opa.getRequestCount(), "an open breaker calls nobody");
      assertEquals(3, engine.opaStatistics().orElseThrow().httpAttempts());
      assertEquals(4, engine.opaStatistics().orElseThrow().failures());
    }
  }

  @Test
  void openBreaker_reportsTheTimeLeft() {
    try (GovernanceEngine engine = engine()) {
      failThreeTimes(engine);
      ticker.advance(Duration.ofMillis(400));
      assertFailClosed(engine.decide(request(MEMBER, "region")), "OPA failed 3 times in a row; the circuit breaker is "
          + "open for another 600 ms, so OPA was not called");
      assertEquals(3, opa.getRequestCount());
    }
  }

  @Test
  void refusedConnections_openTheBreakerToo() throws Exception {
    MockWebServer dead = new MockWebServer();
    dead.start();
    String url = dead.url("/").toString();
    dead.close();
    try (GovernanceEngine engine = OpaTestSupport.engine(OpaSettings.builder(URI.create(url))
        .callTimeout(Duration.ofSeconds(2))
        .circuitBreaker(3, Duration.ofSeconds(1))
        .ticker(ticker)
        .build())) {
      for (int i = 0; i < 3; i++) {
        assertEquals(Effect.DENY, engine.decide(request(MEMBER, "region")).effect());
      }
      assertEquals("open", breaker(engine));
      long attempts = engine.opaStatistics().orElseThrow().httpAttempts();
      assertFailClosed(engine.decide(request(MEMBER, "region")), OPEN_CAUSE);
      assertEquals(attempts, engine.opaStatistics().orElseThrow().httpAttempts());
    }
  }

  @Test
  void afterOpenDuration_oneTrialGoesThrough_andSuccessClosesTheBreaker() {
    try (GovernanceEngine engine = engine()) {
      failThreeTimes(engine);
      ticker.advance(Duration.ofMillis(1_001));
      assertEquals("half-open", breaker(engine));

      opa.enqueue(result("d-trial", "{\"access\": \"permit\"}"));
      Decision trial = engine.decide(request(OUTSIDER, "region"));
      assertEquals(Effect.PERMIT, trial.effect(), () -> "reasons: " + trial.reasons());
      assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-trial", false, false, null)), trial.opa());
      assertEquals(4, opa.getRequestCount());
      assertEquals("closed", breaker(engine));

      opa.enqueue(result("d-next", "{}"));
      assertEquals(Effect.PERMIT, engine.decide(request(MEMBER, "region")).effect());
      assertEquals(5, opa.getRequestCount());
    }
  }

  @Test
  void afterOpenDuration_failedTrialReopensTheBreaker() {
    try (GovernanceEngine engine = engine()) {
      failThreeTimes(engine);
      ticker.advance(Duration.ofMillis(1_001));

      opa.enqueue(status(503, UNAVAILABLE));
      assertFailClosed(engine.decide(request(MEMBER, "region")), "OPA answered HTTP 503: unavailable: restarting");
      assertEquals(4, opa.getRequestCount());
      assertEquals("open", breaker(engine));

      opa.enqueue(result("d-never", "{}"));
      assertFailClosed(engine.decide(request(MEMBER, "region")), OPEN_CAUSE);
      assertEquals(4, opa.getRequestCount(), "a failed trial opens the breaker for a full open duration again");
    }
  }

  @Test
  void opaAnswerThatIsAnError_doesNotCountAgainstTheBreaker() {
    try (GovernanceEngine engine = engine()) {
      for (int i = 0; i < 4; i++) {
        opa.enqueue(status(500, "{\"code\":\"internal_error\",\"message\":\"eval_conflict_error\"}"));
        assertFailClosed(engine.decide(request(MEMBER, "region")),
            "OPA answered HTTP 500: internal_error: eval_conflict_error");
      }
      assertEquals("closed", breaker(engine), "OPA answered: it is reachable");
      assertEquals(4, opa.getRequestCount());
    }
  }

  @Test
  void successBetweenFailures_resetsTheCount() {
    try (GovernanceEngine engine = engine()) {
      opa.enqueue(status(503, UNAVAILABLE));
      engine.decide(request(MEMBER, "region"));
      opa.enqueue(status(503, UNAVAILABLE));
      engine.decide(request(MEMBER, "region"));
      opa.enqueue(result("d-ok", "{}"));
      assertEquals(Effect.PERMIT, engine.decide(request(MEMBER, "region")).effect());
      opa.enqueue(status(503, UNAVAILABLE));
      engine.decide(request(MEMBER, "region"));
      opa.enqueue(status(503, UNAVAILABLE));
      engine.decide(request(MEMBER, "region"));
      assertEquals("closed", breaker(engine), "only consecutive failures count");
      assertEquals(5, opa.getRequestCount());
    }
  }

  @Test
  void retriesWithinOneDecision_countAsOneFailure() {
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa)
        .circuitBreaker(2, Duration.ofSeconds(1))
        .maxAttempts(2)
        .cache(Duration.ZERO, 0)
        .ticker(ticker)
        .build())) {
      opa.enqueue(status(503, UNAVAILABLE));
      opa.enqueue(status(503, UNAVAILABLE));
      assertFailClosed(engine.decide(request(MEMBER, "region")), "OPA answered HTTP 503: unavailable: restarting");
      assertEquals(2, opa.getRequestCount());
      assertEquals("closed", breaker(engine), "one decision, one failure, though two attempts");
    }
  }
}
