package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.OPA_RULE;
import static io.meshgov.engine.internal.opa.OpaTestSupport.POLICIES;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosed;
import static io.meshgov.engine.internal.opa.OpaTestSupport.denialMessage;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Explanation;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Problem;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Severity;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine without an OPA URL: OPA-backed sets deny what they match, and the bundle's warnings say so. */
class OpaNotConfiguredTest {
  private static final String CAUSE =
      "no OPA URL is configured (set --opa-url, MESHGOV_OPA_URL or GovernanceEngine.Builder.opa)";
  private static final String FILE = "domains/finance/fraud-screening.yaml";
  /** Where the {@code opa:} key of the shipped fraud-screening set is. */
  private static final int LINE = 13;

  private static final Problem WARNING = new Problem(Severity.WARNING, "opa-not-configured", FILE, LINE, 1,
      "policy set finance.fraud-screening@1.0.0 is evaluated by Open Policy Agent, but no OPA URL is configured: "
          + "every request it matches is denied",
      "pass --opa-url or set MESHGOV_OPA_URL (GovernanceEngine.Builder.opa in Java)");

  /** The shipped bundle without its {@code acknowledge: [opa-not-configured]}, so the warning is due. */
  @TempDir static Path unacknowledged;

  @BeforeAll
  static void copyWithoutAcknowledgement() throws IOException {
    try (Stream<Path> files = Files.walk(POLICIES)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = unacknowledged.resolve(POLICIES.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Path set = unacknowledged.resolve(FILE);
    String text = Files.readString(set);
    String stripped = text.replaceAll("(?m)^  #.*\\n|^  acknowledge: \\[opa-not-configured\\]\\n", "");
    assertTrue(!stripped.contains("acknowledge") && stripped.length() < text.length(), stripped);
    Files.writeString(set, stripped);
  }

  private static List<Problem> opaWarnings(List<Problem> problems) {
    return problems.stream().filter(p -> p.code().equals("opa-not-configured")).toList();
  }

  @Test
  void fixture_opaKeyIsWhereTheWarningPoints() throws Exception {
    List<String> lines = Files.readAllLines(POLICIES.resolve(FILE));
    assertEquals("opa:", lines.get(LINE - 1));
  }

  @Test
  void decide_withoutOpaUrl_deniesNamingTheMissingUrl() {
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(POLICIES).auditSink(audit).build()) {
      Decision decision = engine.decide(request(MEMBER, "region"));
      assertFailClosed(decision, CAUSE);
      assertEquals(denialMessage(CAUSE), decision.reasons().get(0).message());
      AuditRecord record = audit.records().get(0);
      assertEquals(decision.opa(), record.opa());
      assertTrue(record.rules().contains(OPA_RULE + "@" + SET_VERSION), () -> "" + record.rules());
      assertEquals(Optional.empty(), engine.opaStatistics());
    }
  }

  @Test
  void decide_withoutOpaUrl_productsWithoutOpaBackedSetsAreUnaffected() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(POLICIES).build()) {
      Decision ledger = engine.decide(request(MEMBER).toBuilder().product("finance.general_ledger").build());
      assertEquals(Effect.PERMIT, ledger.effect(), () -> "reasons: " + ledger.reasons());
      assertEquals(List.of(), ledger.opa());
    }
  }

  @Test
  void explain_withoutOpaUrl_tracesTheDenial() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(POLICIES).build()) {
      Explanation explanation = engine.explain(request(MEMBER, "region"));
      assertFailClosed(explanation.decision(), CAUSE);
      assertEquals(new TraceEntry(new RuleReference(OPA_RULE, SET_VERSION), "opa", null, true, denialMessage(CAUSE)),
          explanation.trace().get(0));
    }
  }

  @Test
  void shippedBundle_acknowledgesRunningWithoutOpa_noWarningButDecisionsStillDeny() {
    assertEquals(List.of(), opaWarnings(GovernanceEngine.builder().bundle(POLICIES).validate()));
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(POLICIES).build()) {
      assertEquals(List.of(), opaWarnings(engine.warnings()));
      assertFailClosed(engine.decide(request(MEMBER, "region")), CAUSE);
    }
  }

  @Test
  void warnings_withoutOpaUrl_nameTheOpaKeyOfTheSet() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(unacknowledged).build()) {
      assertEquals(List.of(WARNING), opaWarnings(engine.warnings()));
      assertEquals(FILE + ":13:1: warning: policy set finance.fraud-screening@1.0.0 is evaluated by Open Policy "
          + "Agent, but no OPA URL is configured: every request it matches is denied [opa-not-configured] help: pass "
          + "--opa-url or set MESHGOV_OPA_URL (GovernanceEngine.Builder.opa in Java)", WARNING.format());
    }
  }

  @Test
  void warnings_withOpaUrl_haveNoOpaWarning() throws Exception {
    try (MockWebServer opa = new MockWebServer()) {
      opa.start();
      try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).build())) {
        assertEquals(List.of(), opaWarnings(engine.warnings()));
      }
      assertEquals(0, opa.getRequestCount());
    }
  }

  @Test
  void reload_withoutOpaUrl_keepsTheWarning() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(unacknowledged).build()) {
      assertEquals(List.of(WARNING), opaWarnings(engine.reload()));
      assertEquals(List.of(WARNING), opaWarnings(engine.warnings()));
    }
  }

  @Test
  void validate_opaNotConfigured_warns() {
    assertEquals(List.of(WARNING), opaWarnings(GovernanceEngine.builder().bundle(unacknowledged).validate()));
  }

  @Test
  void validate_opaConfigured_doesNotWarn() {
    List<Problem> problems = GovernanceEngine.builder().bundle(POLICIES).opa(OpaSettings.builder(java.net.URI.create("http://127.0.0.1:1")).build()).validate();
    assertEquals(List.of(), opaWarnings(problems));
    assertTrue(problems.stream().noneMatch(Problem::isError), () -> "" + problems);
  }
}
