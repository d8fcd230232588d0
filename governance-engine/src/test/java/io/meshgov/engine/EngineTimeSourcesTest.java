package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.Decision;
import io.meshgov.api.Subject;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Every time the engine reads comes from the builder's clock and ticker, never the system's. */
class EngineTimeSourcesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final AccessRequest REQUEST = AccessRequest.builder()
      .subject(new Subject("alice", List.of("employees", "finance"), List.of("analyst"), Map.of("region", "EU")))
      .product("finance.invoice_payments")
      .purpose("reporting")
      .build();

  @Test
  void decide_injectedClockAndTicker_giveTheDecisionAndAuditTimes() {
    InMemoryAuditSink audit = new InMemoryAuditSink();
    AtomicLong nanos = new AtomicLong();
    try (GovernanceEngine engine = GovernanceEngine.builder()
        .bundle(Path.of(System.getProperty("meshgov.policies")))
        .auditSink(audit)
        .clock(InstantSource.fixed(NOW))
        .ticker(() -> nanos.getAndAdd(42_000)) // each reading is 42 µs after the one before
        .build()) {
      Decision decision = engine.decide(AccessRequest.builder()
          .subject(new Subject("alice", List.of("employees", "finance"), List.of("analyst"), Map.of("region", "EU")))
          .product("finance.invoice_payments")
          .purpose("reporting")
          .build());

      AuditRecord record = audit.records().get(0);
      assertEquals(NOW, decision.evaluatedAt());
      assertEquals(NOW, record.time());
      assertEquals(42, record.latencyMicros());
    }
  }

  @Test
  void newBuilder_variant_keepsTheClockAndTicker() {
    AtomicLong nanos = new AtomicLong();
    try (GovernanceEngine engine = GovernanceEngine.builder()
        .bundle(Path.of(System.getProperty("meshgov.policies")))
        .clock(InstantSource.fixed(NOW))
        .ticker(() -> nanos.getAndAdd(42_000))
        .build()) {
      InMemoryAuditSink audit = new InMemoryAuditSink();
      try (GovernanceEngine variant = engine.newBuilder().auditSink(audit).build()) {
        Decision decision = variant.decide(REQUEST);

        assertEquals(NOW, decision.evaluatedAt());
        assertEquals(42, audit.records().get(0).latencyMicros());
        assertEquals(engine.bundle(), variant.bundle());
      }
    }
  }
}
