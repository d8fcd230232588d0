package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosed;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BatchOutcome;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Problem;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Batches ({@code decideAll}) against OPA: decisions that consult OPA run concurrently, up to
 * {@code maxConcurrentCalls}, and come back in request order, a bad request rejected in its place.
 */
class OpaBatchTest {
  /** Eight columns of finance.card_authorizations: request i asks for column i alone. */
  private static final List<String> COLUMNS = List.of("authorization_id", "card_number", "cardholder_email",
      "merchant_id", "merchant_country", "amount", "currency", "region");
  /** How long a call waits for the others before answering anyway: a guard against hangs, not a measure. */
  private static final int BARRIER_GUARD_SECONDS = 3;

  @StartStop final MockWebServer opa = new MockWebServer();

  private static List<AccessRequest> eightRequests() {
    List<AccessRequest> requests = new ArrayList<>();
    for (String column : COLUMNS) {
      requests.add(request(MEMBER, column));
    }
    return requests;
  }

  private static Decision decided(BatchOutcome outcome) {
    return assertInstanceOf(BatchOutcome.Decided.class, outcome).decision();
  }

  /**
   * Concurrency shown by behaviour, not by timing: OPA answers no call of the batch until all eight
   * are in flight at once. Called one after the other, the first call would wait for the others
   * until its deadline and the decisions would deny.
   */
  @Test
  void decideAll_callsOpaConcurrently_andAnswersInRequestOrder() {
    CountDownLatch allInFlight = new CountDownLatch(COLUMNS.size());
    AtomicInteger calls = new AtomicInteger();
    opa.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (calls.getAndIncrement() > 0) { // the first call warms the engine up, alone
          allInFlight.countDown();
          allInFlight.await(BARRIER_GUARD_SECONDS, TimeUnit.SECONDS);
        }
        return new MockResponse.Builder().body("{\"decision_id\": \"slow\", \"result\": {}}").build();
      }
    });
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).maxConcurrentCalls(8)
        .callTimeout(Duration.ofSeconds(BARRIER_GUARD_SECONDS)).readTimeout(Duration.ofSeconds(BARRIER_GUARD_SECONDS))
        .build(), audit)) {
      engine.decide(request(MEMBER, "declined"));
      List<BatchOutcome> outcomes = engine.decideAll(eightRequests());

      assertEquals(0, allInFlight.getCount(), "the eight calls were never in flight together");
      assertEquals(COLUMNS.size(), outcomes.size());
      for (int i = 0; i < COLUMNS.size(); i++) {
        Decision decision = decided(outcomes.get(i));
        assertEquals(Effect.PERMIT, decision.effect(), "request " + i);
        assertEquals(List.of(COLUMNS.get(i)), decision.columns().stream().map(c -> c.name()).toList(),
            "outcome " + i + " must answer request " + i);
        assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "slow", false, false, null)), decision.opa());
      }
      assertEquals(1 + COLUMNS.size(), opa.getRequestCount());
      assertEquals(1 + COLUMNS.size(), audit.records().size());
    }
  }

  @Test
  void decideAll_badRequest_isRejectedInItsPlace() {
    for (int i = 0; i < 4; i++) {
      opa.enqueue(result("d", "{}"));
    }
    List<AccessRequest> requests = new ArrayList<>(List.of(request(MEMBER, "region"), request(MEMBER, "amount"),
        request(MEMBER, "card_numbr"), request(MEMBER, "currency"), request(MEMBER, "declined")));
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).build())) {
      List<BatchOutcome> outcomes = engine.decideAll(requests);
      assertEquals(5, outcomes.size());
      assertEquals("region", decided(outcomes.get(0)).columns().get(0).name());
      assertEquals("amount", decided(outcomes.get(1)).columns().get(0).name());
      BatchOutcome.Rejected rejected = assertInstanceOf(BatchOutcome.Rejected.class, outcomes.get(2));
      Problem problem = rejected.error().problems().get(0);
      assertEquals("unknown-column", problem.code());
      assertEquals("product 'finance.card_authorizations' has no column 'card_numbr'", problem.message());
      assertEquals("currency", decided(outcomes.get(3)).columns().get(0).name());
      assertEquals("declined", decided(outcomes.get(4)).columns().get(0).name());
      assertEquals(4, opa.getRequestCount(), "a rejected request never reaches OPA");
    }
  }

  @Test
  void decideAll_hangingOpa_everyDecisionDeniesWithinItsDeadline() {
    for (int i = 0; i < COLUMNS.size(); i++) {
      opa.enqueue(new MockResponse.Builder().body("{\"result\": {}}").headersDelay(5, TimeUnit.SECONDS).build());
    }
    try (GovernanceEngine engine = OpaTestSupport.engine(OpaSettings.builder(URI.create(opa.url("/").toString()))
        // a read timeout as long as the deadline (the default) would race it
        .callTimeout(Duration.ofMillis(200)).readTimeout(Duration.ofSeconds(10)).maxConcurrentCalls(8).build())) {
      List<BatchOutcome> outcomes = engine.decideAll(eightRequests());
      for (BatchOutcome outcome : outcomes) {
        assertFailClosed(decided(outcome), "OPA did not answer within 200 ms (the call deadline)");
      }
    }
  }

  @Test
  void decideAll_oneConcurrentCall_keepsRequestOrder() {
    for (int i = 0; i < COLUMNS.size(); i++) {
      opa.enqueue(result("d-" + i, "{}"));
    }
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).maxConcurrentCalls(1).build())) {
      List<BatchOutcome> outcomes = engine.decideAll(eightRequests());
      for (int i = 0; i < COLUMNS.size(); i++) {
        Decision decision = decided(outcomes.get(i));
        assertEquals(COLUMNS.get(i), decision.columns().get(0).name());
        assertEquals("d-" + i, decision.opa().get(0).decisionId(), "one at a time, so OPA's answers come in order");
      }
    }
  }
}
