package io.meshgov.benchmarks;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditSink;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link GovernanceEngine#decide} on the shipped bundle ({@code policies/}, or {@code
 * -Dmeshgov.policies=DIR}), audit discarded so that only the decision is measured.
 *
 * <ul>
 *   <li>{@code permitted*}: a member of the owning domain reads {@value #WIDE} columns of a product
 *       (the widest catalog product by default, {@code -p product=<id>} for another; all its
 *       columns if it has fewer), so column masks, denies, row filters and retention all run.
 *   <li>{@code denied*}: a contractor reads the confidential {@value #DENIED_PRODUCT}, denied by
 *       {@code global.access/deny-contractors-confidential}.
 * </ul>
 *
 * <p>The {@code *Threads2} variants share one engine between two threads, as a service does. Every
 * request is built in {@link #setUp} and fixes {@code at}, so the policy versions in force do not
 * depend on the day the benchmark runs. Run with {@code -prof gc} to see allocation per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecideBenchmark {
  static final int WIDE = 20;
  static final String DENIED_PRODUCT = "finance.invoice_payments";
  static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  /** The product of the permitted request: a catalog id, or {@code widest}. */
  @Param({"widest"})
  public String product;

  private GovernanceEngine engine;
  private AccessRequest permitted;
  private AccessRequest denied;

  @Setup(Level.Trial)
  public void setUp() {
    engine = GovernanceEngine.builder()
        .bundle(Policies.directory())
        .auditSink(AuditSink.discarding())
        .build();

    DataProduct read = "widest".equals(product)
        ? engine.catalog().values().stream()
            .max(Comparator.comparingInt((DataProduct p) -> p.columns().size())
                .thenComparing(DataProduct::id, Comparator.reverseOrder()))
            .orElseThrow(() -> new IllegalStateException("the bundle has no data products"))
        : engine.product(product).orElseThrow(() -> new IllegalStateException("no product '" + product + "'"));
    List<String> columns = new ArrayList<>();
    for (Column column : read.columns()) {
      if (columns.size() < WIDE) {
        columns.add(column.name());
      }
    }
    if (columns.size() < WIDE) {
      System.err.println("note: " + read.id() + " has " + columns.size() + " columns, fewer than " + WIDE
          + "; the permitted request reads all of them");
    }
    // A domain member in a region, with a legal entity: permitted on every classification of its
    // own domain, and the residency and ledger filters have values to substitute.
    Subject member = new Subject("bench-member", List.of("employees", read.domain()), List.of("analyst"),
        Map.of("region", "EU", "legal_entity", "MG-DE"));
    permitted = AccessRequest.builder()
        .subject(member).product(read.id()).columns(columns).purpose("reporting").at(AT).build();

    Subject contractor = new Subject("bench-contractor", List.of("contractors", "finance"), List.of("analyst"),
        Map.of("region", "EU", "clearance", "confidential"));
    denied = AccessRequest.builder()
        .subject(contractor).product(DENIED_PRODUCT).purpose("reporting").at(AT).build();

    expect(engine.decide(permitted), Effect.PERMIT, "permitted");
    expect(engine.decide(denied), Effect.DENY, "denied");
  }

  private static void expect(Decision decision, Effect effect, String name) {
    if (decision.effect() != effect) {
      throw new IllegalStateException("the " + name + " request was decided " + decision.effect().wireName()
          + " (" + decision.reasons() + "); the shipped bundle changed, fix the request");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public Decision permitted() {
    return engine.decide(permitted);
  }

  @Benchmark
  public Decision denied() {
    return engine.decide(denied);
  }

  @Benchmark
  @Threads(2)
  public Decision permittedThreads2() {
    return engine.decide(permitted);
  }

  @Benchmark
  @Threads(2)
  public Decision deniedThreads2() {
    return engine.decide(denied);
  }
}
