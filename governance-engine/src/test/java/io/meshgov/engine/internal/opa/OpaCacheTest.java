package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.AT;
import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OPA_RULE;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OUTSIDER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosed;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static io.meshgov.engine.internal.opa.OpaTestSupport.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.OpaStatistics;
import io.meshgov.api.Reason;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import io.meshgov.engine.internal.opa.OpaTestSupport.FakeTicker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer cache and the stale fallback (docs/opa.md: {@code cached}, {@code stale}): answers are
 * reused by policy set, version and exact input while fresh; when OPA cannot be reached, the last
 * good answer stands in while within {@code maxStaleness}, never when OPA answered wrongly.
 */
class OpaCacheTest {
  private static final String PERMIT = "{\"access\": \"permit\", \"reasons\": [{\"rule\": \"screened\", "
      + "\"message\": \"passed fraud screening\"}]}";
  private static final String UNAVAILABLE = "{\"code\":\"unavailable\",\"message\":\"restarting\"}";

  @StartStop final MockWebServer opa = new MockWebServer();
  private final FakeTicker ticker = new FakeTicker();
  private final InMemoryAuditSink audit = new InMemoryAuditSink();

  private GovernanceEngine engine(OpaSettings.Builder settings) {
    return OpaTestSupport.engine(settings.ticker(ticker).build(), audit);
  }

  private static OpaConsultation fresh(String decisionId) {
    return new OpaConsultation(SET, SET_VERSION, decisionId, false, false, null);
  }

  private static OpaConsultation cached(String decisionId) {
    return new OpaConsultation(SET, SET_VERSION, decisionId, true, false, null);
  }

  private static OpaConsultation stale(String decisionId) {
    return new OpaConsultation(SET, SET_VERSION, decisionId, true, true, null);
  }

  @Test
  void sameRequestTwice_callsOpaOnce_andTheSecondIsCached() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa))) {
      Decision first = engine.decide(request(OUTSIDER, "region", "card_number"));
      Decision second = engine.decide(request(OUTSIDER, "region", "card_number"));
      assertEquals(1, opa.getRequestCount());
      assertEquals(List.of(fresh("d-1")), first.opa());
      assertEquals(List.of(cached("d-1")), second.opa());
      assertEquals(Effect.PERMIT, second.effect());
      assertEquals(first.reasons(), second.reasons());
      assertEquals(first.columns(), second.columns());
      assertEquals(first.rowFilters(), second.rowFilters());
      assertEquals(new OpaStatistics(1, 1, 1, 0, 0, "closed"), engine.opaStatistics().orElseThrow());
      List<AuditRecord> records = audit.records();
      assertEquals(List.of(fresh("d-1")), records.get(0).opa());
      assertEquals(List.of(cached("d-1")), records.get(1).opa());
      assertTrue(records.get(1).rules().contains(SET + "/screened@" + SET_VERSION), () -> "" + records.get(1).rules());
    }
  }

  @Test
  void differentAt_isAMiss() {
    opa.enqueue(result("d-1", PERMIT));
    opa.enqueue(result("d-2", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa))) {
      engine.decide(request(OUTSIDER, "region"));
      Decision later = engine.decide(request(OUTSIDER, "region").toBuilder().at(AT.plusSeconds(1)).build());
      assertEquals(List.of(fresh("d-2")), later.opa());
      assertEquals(2, opa.getRequestCount());
      assertEquals(new OpaStatistics(0, 2, 2, 0, 0, "closed"), engine.opaStatistics().orElseThrow());
    }
  }

  @Test
  void differentSubjectAttribute_isAMiss() {
    opa.enqueue(result("d-1", PERMIT));
    opa.enqueue(result("d-2", "{\"access\": \"deny\"}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      assertEquals(Effect.PERMIT, engine.decide(request(OUTSIDER, "region")).effect());
      Subject elsewhere = new Subject(OUTSIDER.id(), OUTSIDER.groups(), OUTSIDER.roles(), Map.of("region", "US"));
      Decision decision = engine.decide(request(elsewhere, "region"));
      assertEquals(Effect.DENY, decision.effect(), "the answer for region EU must not serve region US");
      assertEquals(List.of(fresh("d-2")), decision.opa());
      assertEquals(2, opa.getRequestCount());
    }
  }

  @Test
  void differentColumns_isAMiss() {
    opa.enqueue(result("d-1", "{}"));
    opa.enqueue(result("d-2", "{}"));
    try (GovernanceEngine engine = engine(settings(opa))) {
      engine.decide(request(MEMBER, "region"));
      assertEquals(List.of(fresh("d-2")), engine.decide(request(MEMBER, "region", "amount")).opa());
      assertEquals(2, opa.getRequestCount());
    }
  }

  @Test
  void ttlExpiry_isAMiss() {
    opa.enqueue(result("d-1", PERMIT));
    opa.enqueue(result("d-2", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa).cache(Duration.ofSeconds(5), 100))) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(4));
      assertEquals(List.of(cached("d-1")), engine.decide(request(OUTSIDER, "region")).opa());
      ticker.advance(Duration.ofSeconds(2));
      assertEquals(List.of(fresh("d-2")), engine.decide(request(OUTSIDER, "region")).opa());
      assertEquals(2, opa.getRequestCount());
      assertEquals(List.of(cached("d-2")), engine.decide(request(OUTSIDER, "region")).opa());
      assertEquals(new OpaStatistics(2, 2, 2, 0, 0, "closed"), engine.opaStatistics().orElseThrow());
    }
  }

  @Test
  void cacheOff_everyDecisionCallsOpa() {
    for (int i = 1; i <= 3; i++) {
      opa.enqueue(result("d-" + i, PERMIT));
    }
    try (GovernanceEngine engine = engine(settings(opa).cache(Duration.ZERO, 0))) {
      for (int i = 1; i <= 3; i++) {
        assertEquals(List.of(fresh("d-" + i)), engine.decide(request(OUTSIDER, "region")).opa());
      }
      assertEquals(3, opa.getRequestCount());
      assertEquals(new OpaStatistics(0, 3, 3, 0, 0, "closed"), engine.opaStatistics().orElseThrow());
    }
  }

  @Test
  void zeroSize_turnsTheCacheOff() {
    opa.enqueue(result("d-1", "{}"));
    opa.enqueue(result("d-2", "{}"));
    try (GovernanceEngine engine = engine(settings(opa).cache(Duration.ofSeconds(10), 0))) {
      engine.decide(request(MEMBER, "region"));
      assertEquals(List.of(fresh("d-2")), engine.decide(request(MEMBER, "region")).opa());
    }
  }

  @Test
  void failures_areNotCached() {
    opa.enqueue(status(400, "{\"code\":\"invalid_parameter\",\"message\":\"bad\"}"));
    opa.enqueue(result("d-2", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa))) {
      assertEquals(Effect.DENY, engine.decide(request(OUTSIDER, "region")).effect());
      Decision second = engine.decide(request(OUTSIDER, "region"));
      assertEquals(Effect.PERMIT, second.effect());
      assertEquals(List.of(fresh("d-2")), second.opa());
    }
  }

  @Test
  void cache_isPerPolicySetVersion(@TempDir Path bundle) throws IOException {
    copyBundle(OpaTestSupport.fixture("scope"), bundle);
    opa.setDispatcher(new OpaTestDispatcher());
    OpaSettings settings = settings(opa).ticker(ticker).build();
    AccessRequest request = AccessRequest.builder()
        .subject(new Subject("fiona", List.of("employees"), List.of(), Map.of()))
        .product("finance.ledger")
        .at(AT)
        .build();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle).opa(settings).build()) {
      Decision first = engine.decide(request);
      Decision second = engine.decide(request);
      assertEquals(List.of(new OpaConsultation("finance.screening", "1.0.0", "finance-1", false, false, null)),
          first.opa());
      assertEquals(List.of(new OpaConsultation("finance.screening", "1.0.0", "finance-1", true, false, null)),
          second.opa());

      Path set = bundle.resolve("domains/finance/screening.yaml");
      Files.writeString(set, Files.readString(set).replace("version: 1.0.0", "version: 1.1.0"));
      engine.reload();
      Decision third = engine.decide(request);
      assertEquals(List.of(new OpaConsultation("finance.screening", "1.1.0", "finance-2", false, false, null)),
          third.opa());
      assertEquals(2, opa.getRequestCount());
    }
  }

  @Test
  void cache_survivesAReloadThatLeavesTheSetAlone_andTheNewNativeRulesApply(@TempDir Path bundle) throws IOException {
    copyBundle(OpaTestSupport.fixture("scope"), bundle);
    opa.setDispatcher(new OpaTestDispatcher()
        .answer("meshgov/finance/screening", "{\"rowFilters\": [{\"rule\": \"positive\", \"expression\": "
            + "\"amount > 0.0\"}]}"));
    AccessRequest request = AccessRequest.builder()
        .subject(new Subject("fiona", List.of("employees"), List.of(), Map.of()))
        .product("finance.ledger")
        .at(AT)
        .build();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle).opa(settings(opa).ticker(ticker).build())
        .build()) {
      Decision before = engine.decide(request);
      assertEquals(Effect.PERMIT, before.effect());
      assertEquals(List.of("finance.screening/positive"),
          before.rowFilters().stream().map(f -> f.rule().id()).toList());
      assertEquals(Effect.PERMIT, engine.decide(request).effect(), "served from the cache");

      Path access = bundle.resolve("global/access.yaml");
      Files.writeString(access, Files.readString(access).replace("'employees' in subject.groups",
          "'staff' in subject.groups"));
      engine.reload();
      Decision after = engine.decide(request);
      assertEquals(List.of(new OpaConsultation("finance.screening", "1.0.0", "finance-1", true, false, null)),
          after.opa(), "the set did not change, so its cached answer still serves");
      assertEquals(Effect.DENY, after.effect(), "but the reloaded council rules decide: employees are no longer "
          + "permitted");
      assertEquals(List.of("no-permit"), after.reasons().stream().map(r -> r.rule().id()).toList());
      assertEquals(1, opa.getRequestCount());
    }
  }

  // ---- stale fallback: maxStaleness 60 s, TTL 1 s ----

  private GovernanceEngine staleEngine() {
    return engine(settings(opa).cache(Duration.ofSeconds(1), 100).maxStaleness(Duration.ofSeconds(60)));
  }

  @Test
  void stale_opaUnavailable_usesTheLastGoodAnswer() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = staleEngine()) {
      Decision first = engine.decide(request(OUTSIDER, "region"));
      assertEquals(Effect.PERMIT, first.effect());
      ticker.advance(Duration.ofSeconds(2));
      opa.enqueue(status(503, UNAVAILABLE));
      opa.enqueue(status(503, UNAVAILABLE));
      Decision second = engine.decide(request(OUTSIDER, "region"));
      assertEquals(3, opa.getRequestCount(), "OPA was asked (and retried) before falling back");
      assertEquals(List.of(stale("d-1")), second.opa());
      assertEquals(Effect.PERMIT, second.effect());
      assertEquals(first.reasons(), second.reasons());
      assertEquals(first.columns(), second.columns());
      assertEquals(first.rowFilters(), second.rowFilters());
      assertEquals(List.of(stale("d-1")), audit.records().get(1).opa());
      OpaStatistics statistics = engine.opaStatistics().orElseThrow();
      assertEquals(1, statistics.staleAnswers());
      assertEquals(0, statistics.failures());
    }
  }

  @Test
  void stale_opaRefused_usesTheLastGoodAnswer() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = staleEngine()) {
      assertEquals(Effect.PERMIT, engine.decide(request(OUTSIDER, "region")).effect());
      opa.close();
      ticker.advance(Duration.ofSeconds(2));
      Decision second = engine.decide(request(OUTSIDER, "region"));
      assertEquals(List.of(stale("d-1")), second.opa());
      assertEquals(Effect.PERMIT, second.effect());
    }
  }

  @Test
  void stale_beyondMaxStaleness_denies() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = staleEngine()) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(61));
      opa.enqueue(status(503, UNAVAILABLE));
      opa.enqueue(status(503, UNAVAILABLE));
      assertFailClosed(engine.decide(request(OUTSIDER, "region")), "OPA answered HTTP 503: unavailable: restarting");
    }
  }

  @Test
  void stale_withinMaxStaleness_isStillUsed() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = staleEngine()) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(59));
      opa.enqueue(status(503, UNAVAILABLE));
      opa.enqueue(status(503, UNAVAILABLE));
      assertEquals(List.of(stale("d-1")), engine.decide(request(OUTSIDER, "region")).opa());
    }
  }

  @Test
  void stale_notUsedForAnInvalidResult() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = staleEngine()) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(2));
      opa.enqueue(result("d-2", "{\"acess\": \"permit\"}"));
      Decision decision = engine.decide(request(OUTSIDER, "region"));
      assertEquals(Effect.DENY, decision.effect());
      assertEquals(1, decision.opa().size());
      assertEquals("OPA's result is invalid: 1:32: unknown key 'acess' in the OPA result [unknown-key] "
          + "(did you mean 'access'?)", OpaTestSupport.cause(decision));
      assertEquals(List.of(OPA_RULE), decision.reasons().stream().map(r -> r.rule().id()).toList());
    }
  }

  @Test
  void stale_notUsedForHttp400() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = staleEngine()) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(2));
      opa.enqueue(status(400, "{\"code\":\"invalid_parameter\",\"message\":\"bad input\"}"));
      assertFailClosed(engine.decide(request(OUTSIDER, "region")),
          "OPA answered HTTP 400: invalid_parameter: bad input");
      assertEquals(2, opa.getRequestCount());
    }
  }

  @Test
  void stale_offByDefault() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa).cache(Duration.ofSeconds(1), 100))) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(2));
      opa.enqueue(status(503, UNAVAILABLE));
      opa.enqueue(status(503, UNAVAILABLE));
      assertFailClosed(engine.decide(request(OUTSIDER, "region")), "OPA answered HTTP 503: unavailable: restarting");
    }
  }

  @Test
  void stale_usedWhenTheBreakerIsOpen() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = engine(settings(opa).cache(Duration.ofSeconds(1), 100)
        .maxStaleness(Duration.ofSeconds(60)).maxAttempts(1).circuitBreaker(1, Duration.ofSeconds(30)))) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(2));
      opa.enqueue(status(503, UNAVAILABLE));
      assertEquals(List.of(stale("d-1")), engine.decide(request(OUTSIDER, "region")).opa());
      assertEquals("open", engine.opaStatistics().orElseThrow().circuitBreaker());
      Decision third = engine.decide(request(OUTSIDER, "region"));
      assertEquals(List.of(stale("d-1")), third.opa());
      assertEquals(Effect.PERMIT, third.effect());
      assertEquals(2, opa.getRequestCount());
    }
  }

  @Test
  void stale_answerIsNotUsedForAnotherInput() {
    opa.enqueue(result("d-1", PERMIT));
    try (GovernanceEngine engine = staleEngine()) {
      engine.decide(request(OUTSIDER, "region"));
      ticker.advance(Duration.ofSeconds(2));
      opa.enqueue(status(503, UNAVAILABLE));
      opa.enqueue(status(503, UNAVAILABLE));
      Decision other = engine.decide(request(OUTSIDER, "amount"));
      assertEquals(Effect.DENY, other.effect());
      assertEquals(List.of(OPA_RULE), other.reasons().stream().map(Reason::rule).map(r -> r.id()).toList());
    }
  }

  static void copyBundle(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
