package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.AuditSink;
import io.meshgov.api.BundleRejectedException;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnType;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Reason;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload swaps bundles atomically: while four threads decide, the main thread flips the bundle
 * directory between version A (permits, masks e-mail, filters EU) and version B (denies) and
 * reloads 50 times, with invalid versions in between that must be rejected without disturbing
 * anyone. Every decision, and every audit record, must match exactly one of the two bundles, the
 * one its digest names.
 */
class ConcurrentReloadTest {
  private static final int THREADS = 4;
  private static final int MIN_DECISIONS_PER_THREAD = 2_000;
  private static final int MAX_DECISIONS_PER_THREAD = 400_000;
  private static final int RELOADS = 50;
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  private static final String BUNDLE = """
      apiVersion: meshgov/v1
      kind: Bundle
      metadata: {name: reload-scenario}
      """;
  private static final String PRODUCT = """
      apiVersion: meshgov/v1
      kind: DataProduct
      metadata: {id: shop.items, domain: shop, owner: shop@example.com, version: 1.0.0}
      classification: internal
      columns:
        - {name: sku, type: string}
        - {name: email, type: string, tags: [pii.email]}
        - {name: region, type: string}
      """;
  private static final String DOMAIN = """
      apiVersion: meshgov/v1
      kind: PolicySet
      metadata: {id: shop.tags, version: 1.0.0, scope: domain:shop, owner: shop@example.com}
      rules:
        - id: hide-nothing
          kind: mask
          match: {columns: {names: [sku]}}
          when: "request.purpose == 'never'"
          mask: {method: nullify}
      """;
  private static final String GATE_A = """
      apiVersion: meshgov/v1
      kind: PolicySet
      metadata: {id: global.gate, version: 1.0.0, scope: global, owner: council}
      rules:
        - id: permit-all
          kind: access
          effect: permit
        - id: mask-email
          kind: mask
          match: {columns: {tags: [pii.email]}}
          mask: {method: email}
        - id: eu
          kind: row-filter
          filter: "region == 'EU'"
      """;
  private static final String GATE_B = """
      apiVersion: meshgov/v1
      kind: PolicySet
      metadata: {id: global.gate, version: 2.0.0, scope: global, owner: council}
      rules:
        - id: deny-all
          kind: access
          effect: deny
      """;
  /** A typo: the loader must reject it, never read it as a permit without its deny. */
  private static final String GATE_INVALID = """
      apiVersion: meshgov/v1
      kind: PolicySet
      metadata: {id: global.gate, version: 3.0.0, scope: global, owner: council}
      rules:
        - id: deny-all
          kind: access
          efect: deny
      """;

  private static final RuleReference PERMIT_A = RuleReference.of("global.gate", "permit-all", "1.0.0");
  private static final List<ColumnDecision> COLUMNS_A = List.of(
      ColumnDecision.allow("sku", ColumnType.STRING),
      new ColumnDecision("email", ColumnType.STRING, io.meshgov.api.ColumnEffect.MASK, Mask.of(MaskMethod.EMAIL),
          RuleReference.of("global.gate", "mask-email", "1.0.0")),
      ColumnDecision.allow("region", ColumnType.STRING));
  private static final List<RowFilter> FILTERS_A =
      List.of(new RowFilter(RuleReference.of("global.gate", "eu", "1.0.0"), "region == 'EU'"));
  private static final RuleReference DENY_B = RuleReference.of("global.gate", "deny-all", "2.0.0");

  private static void write(Path dir, String gate) throws IOException {
    Files.writeString(dir.resolve("global/gate.yaml"), gate, StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void reloadWhileDeciding_everyDecisionMatchesExactlyOneBundle(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("products/shop"));
    Files.createDirectories(dir.resolve("global"));
    Files.createDirectories(dir.resolve("domains/shop"));
    Files.writeString(dir.resolve("bundle.yaml"), BUNDLE, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("products/shop/items.yaml"), PRODUCT, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("domains/shop/tags.yaml"), DOMAIN, StandardCharsets.UTF_8);
    write(dir, GATE_B);

    Queue<String> inconsistencies = new ConcurrentLinkedQueue<>();
    Digests digests = new Digests();
    CheckingSink sink = new CheckingSink(digests, inconsistencies);
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(dir).auditSink(sink)
        .clock(InstantSource.fixed(AT)).build()) {
      digests.b = engine.bundle().digest();
      write(dir, GATE_A);
      engine.reload();
      digests.a = engine.bundle().digest();
      assertNotEquals(digests.a, digests.b);
      checkDecision(engine.decide(request()), digests, inconsistencies);

      AccessRequest request = request();
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger reloadsLeft = new AtomicInteger(RELOADS);
      AtomicLong decisions = new AtomicLong();
      AtomicLong seenA = new AtomicLong();
      AtomicLong seenB = new AtomicLong();
      Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          futures.add(pool.submit(() -> {
            try {
              start.await();
              int count = 0;
              while (count < MIN_DECISIONS_PER_THREAD || (reloadsLeft.get() > 0 && count < MAX_DECISIONS_PER_THREAD)) {
                Decision decision = engine.decide(request);
                count++;
                String digest = checkDecision(decision, digests, inconsistencies);
                (digest.equals(digests.a) ? seenA : seenB).incrementAndGet();
              }
              decisions.addAndGet(count);
            } catch (Throwable e) {
              unexpected.add(e);
            }
            return null;
          }));
        }
        start.countDown();

        String current = digests.a;
        int rejected = 0;
        for (int i = 0; i < RELOADS; i++) {
          if (i % 5 == 2) {
            write(dir, GATE_INVALID);
            BundleRejectedException e = assertThrows(BundleRejectedException.class, engine::reload);
            assertTrue(e.problems().stream().anyMatch(p -> p.code().equals("unknown-key")
                && p.file().equals("global/gate.yaml")), e::getMessage);
            rejected++;
            // the engine keeps serving the last good bundle
            assertEquals(current, engine.bundle().digest());
            assertEquals(current, checkDecision(engine.decide(request), digests, inconsistencies));
          }
          boolean toA = current.equals(digests.b);
          write(dir, toA ? GATE_A : GATE_B);
          assertEquals(List.of(), engine.reload(), "a valid bundle reloads without warnings");
          current = toA ? digests.a : digests.b;
          assertEquals(current, engine.bundle().digest());
          reloadsLeft.decrementAndGet();
          Thread.sleep(2);
        }
        assertEquals(RELOADS / 5, rejected);
        for (Future<?> future : futures) {
          future.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertEquals(List.of(), List.copyOf(unexpected), "unexpected exceptions in deciding threads");
      assertEquals(List.of(), List.copyOf(inconsistencies), "inconsistent decisions or audit records");
      assertTrue(decisions.get() >= (long) THREADS * MIN_DECISIONS_PER_THREAD, () -> decisions + " decisions");
      assertEquals(decisions.get(), seenA.get() + seenB.get());
      // the reloads really overlapped the decisions: both bundles were seen
      assertTrue(seenA.get() > 0 && seenB.get() > 0, () -> "A " + seenA + ", B " + seenB);
      // one audit record per decision (the deciding threads' and the main thread's)
      assertEquals(decisions.get() + 1 + RELOADS / 5, sink.records.get());
    }
  }

  private static AccessRequest request() {
    return AccessRequest.builder().subject(new Subject("ann", List.of("shop"), List.of(), Map.of("region", "EU")))
        .product("shop.items").at(AT).build();
  }

  /** Checks a decision against the bundle its digest names; returns the digest. */
  private static String checkDecision(Decision decision, Digests digests, Queue<String> inconsistencies) {
    String digest = decision.bundle().digest();
    if (digest.equals(digests.a)) {
      if (decision.effect() != Effect.PERMIT || !reasonRules(decision).equals(List.of(PERMIT_A))
          || !decision.columns().equals(COLUMNS_A) || !decision.rowFilters().equals(FILTERS_A)
          || decision.retention() != null) {
        inconsistencies.add("not a decision of bundle A: " + decision);
      }
    } else if (digest.equals(digests.b)) {
      if (decision.effect() != Effect.DENY || !reasonRules(decision).equals(List.of(DENY_B))
          || !decision.columns().isEmpty() || !decision.rowFilters().isEmpty() || decision.retention() != null) {
        inconsistencies.add("not a decision of bundle B: " + decision);
      }
    } else {
      inconsistencies.add("decision from an unknown bundle " + digest + ": " + decision);
    }
    if (!decision.bundle().name().equals("reload-scenario")) {
      inconsistencies.add("wrong bundle name: " + decision.bundle());
    }
    return digest;
  }

  private static List<RuleReference> reasonRules(Decision decision) {
    List<RuleReference> rules = new ArrayList<>();
    for (Reason reason : decision.reasons()) {
      rules.add(reason.rule());
    }
    return rules;
  }

  private static final class Digests {
    volatile String a = "";
    volatile String b = "";
  }

  /** Checks each audit record the same way: its digest, effect, columns and rules belong together. */
  private static final class CheckingSink implements AuditSink {
    private final Digests digests;
    private final Queue<String> inconsistencies;
    final AtomicLong records = new AtomicLong();

    CheckingSink(Digests digests, Queue<String> inconsistencies) {
      this.digests = digests;
      this.inconsistencies = inconsistencies;
    }

    @Override
    public void record(AuditRecord record) {
      records.incrementAndGet();
      String digest = record.bundleDigest();
      if (digest.equals(digests.a)) {
        if (record.effect() != Effect.PERMIT
            || !record.columns().equals(Map.of("sku", "allow", "email", "mask:email", "region", "allow"))
            || !record.rules().containsAll(List.of("global.gate/permit-all@1.0.0", "global.gate/mask-email@1.0.0",
                "global.gate/eu@1.0.0"))) {
          inconsistencies.add("audit record not of bundle A: " + record);
        }
      } else if (digest.equals(digests.b)) {
        if (record.effect() != Effect.DENY || !record.columns().isEmpty()
            || !record.rules().equals(List.of("global.gate/deny-all@2.0.0"))) {
          inconsistencies.add("audit record not of bundle B: " + record);
        }
      } else if (!digests.a.isEmpty()) {
        inconsistencies.add("audit record from an unknown bundle: " + record);
      }
    }
  }
}
