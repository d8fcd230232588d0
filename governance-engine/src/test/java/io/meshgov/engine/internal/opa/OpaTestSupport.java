package io.meshgov.engine.internal.opa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditSink;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Reason;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared fixtures of the OPA federation tests: the shipped bundle, requests, answers and checks. */
final class OpaTestSupport {
  static final Path POLICIES = Path.of(System.getProperty("meshgov.policies"));
  static final String SET = "finance.fraud-screening";
  static final String SET_VERSION = "1.0.0";
  static final String OPA_RULE = SET + "/opa";
  static final String DATA_PATH = "/v1/data/meshgov/finance/fraud_screening";
  static final String PRODUCT = "finance.card_authorizations";
  static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  /** A member of group finance: global.access/permit-domain-members permits her. */
  static final Subject MEMBER = new Subject("fiona", List.of("finance"), List.of("analyst"), Map.of("region", "EU"));
  /** Neither a member of finance nor cleared: native rules alone give no-permit. */
  static final Subject OUTSIDER = new Subject("oscar", List.of("marketing"), List.of(), Map.of("region", "EU"));

  private OpaTestSupport() {}

  /** A nanosecond ticker that only moves when told to. */
  static final class FakeTicker implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Override
    public long getAsLong() {
      return nanos.get();
    }

    void advance(Duration duration) {
      nanos.addAndGet(duration.toNanos());
    }
  }

  /** Settings for {@code server} with generous timeouts: for tests that are not about the deadline. */
  static OpaSettings.Builder settings(MockWebServer server) {
    return OpaSettings.builder(URI.create(server.url("/").toString()))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(3));
  }

  /** A bundle directory under {@code src/test/resources/opa/}. */
  static Path fixture(String name) {
    try {
      return Path.of(OpaTestSupport.class.getResource("/opa/" + name + "/bundle.yaml").toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static GovernanceEngine engine(OpaSettings settings) {
    return GovernanceEngine.builder().bundle(POLICIES).opa(settings).build();
  }

  static GovernanceEngine engine(OpaSettings settings, AuditSink sink) {
    return GovernanceEngine.builder().bundle(POLICIES).opa(settings).auditSink(sink).build();
  }

  static AccessRequest request(Subject subject, String... columns) {
    return AccessRequest.builder()
        .subject(subject)
        .product(PRODUCT)
        .columns(columns)
        .purpose("fraud-investigation")
        .at(AT)
        .build();
  }

  static MockResponse body(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** OPA's envelope with decision id {@code decisionId} around {@code result} (JSON text). */
  static MockResponse result(String decisionId, String result) {
    return body("{\"decision_id\":\"" + decisionId + "\",\"result\":" + result + "}");
  }

  static MockResponse status(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The decision is a fail-closed deny of the shipped OPA-backed set: its one reason is the set's
   * {@code opa} rule, naming OPA, the set and {@code cause}; its one {@code opa} entry has the error.
   */
  static void assertFailClosed(Decision decision, String cause) {
    assertFailClosed(decision, cause, null);
  }

  /** Like {@link #assertFailClosed(Decision, String)} when OPA answered, with {@code decisionId}, but wrongly. */
  static void assertFailClosed(Decision decision, String cause, String decisionId) {
    assertEquals(Effect.DENY, decision.effect(), () -> "reasons: " + decision.reasons());
    assertTrue(decision.columns().isEmpty());
    Reason reason = decision.reasons().stream().filter(r -> r.rule().id().equals(OPA_RULE)).findFirst()
        .orElseThrow(() -> new AssertionError("no reason " + OPA_RULE + " in " + decision.reasons()));
    assertEquals(SET_VERSION, reason.rule().version());
    assertEquals(Effect.DENY, reason.effect());
    assertEquals(denialMessage(cause), reason.message());
    assertEquals(1, decision.opa().size(), () -> "opa: " + decision.opa());
    OpaConsultation consultation = decision.opa().get(0);
    assertEquals(new OpaConsultation(SET, SET_VERSION, decisionId, false, false, consultation.error()), consultation);
    assertErrorSummary(consultation.error());
  }

  /**
   * The opa entry's error is a summary of fixed codes (kind, HTTP status, OPA's error code,
   * problem codes), never text from the answer: it goes into audit records (docs/audit-format.md).
   */
  static void assertErrorSummary(String error) {
    assertNotNull(error, "the opa entry must carry the error");
    assertTrue(SUMMARY.matcher(error).matches(), () -> "not a summary of codes: '" + error + "'");
  }

  private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile(
      "(not-configured|unreachable|tls|timeout|overloaded|breaker-open|http-error|malformed|invalid-result)"
          + "( [0-9]{3})?( [a-z_]+)?( [a-z-]+(,[a-z-]+)*)?");

  /** The cause the set's deny reason gives. */
  static String cause(Decision decision) {
    Reason reason = decision.reasons().stream().filter(r -> r.rule().id().equals(OPA_RULE)).findFirst()
        .orElseThrow(() -> new AssertionError("no reason " + OPA_RULE + " in " + decision.reasons()));
    String prefix = denialMessage("");
    assertTrue(reason.message().startsWith(prefix), reason.message());
    return reason.message().substring(prefix.length());
  }

  /** Like {@link #assertFailClosed} when only a stable part of the cause is known. */
  static String assertFailClosedContaining(Decision decision, String... fragments) {
    assertEquals(Effect.DENY, decision.effect(), () -> "reasons: " + decision.reasons());
    assertEquals(1, decision.opa().size(), () -> "opa: " + decision.opa());
    OpaConsultation consultation = decision.opa().get(0);
    assertEquals(SET, consultation.policySet());
    assertEquals(SET_VERSION, consultation.version());
    assertNull(consultation.decisionId());
    assertErrorSummary(consultation.error());
    String cause = cause(decision);
    for (String fragment : fragments) {
      assertTrue(cause.contains(fragment), () -> "cause '" + cause + "' lacks '" + fragment + "'");
    }
    assertFailClosed(decision, cause);
    return cause;
  }

  static String denialMessage(String cause) {
    return "OPA-backed policy set " + SET + "@" + SET_VERSION + " (data path meshgov/finance/fraud_screening)"
        + " gave no usable answer, so the request is denied (fail closed): " + cause;
  }
}
