package io.meshgov.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditSink;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions on {@code finance.card_authorizations}, which the OPA-backed set {@code
 * finance.fraud-screening} of the shipped bundle screens (docs/opa.md), against a stand-in OPA: the
 * JDK's HTTP server on loopback, answering every call with the same result (a permit, a column
 * deny, a hash mask and a row filter), so only meshgov's side and the loopback round trip are
 * measured, not Rego.
 *
 * <ul>
 *   <li>{@code cachedAnswer}: the answer comes from the cache, as for a repeated request: what an
 *       OPA-backed set costs on top of native rules when OPA is not asked.
 *   <li>{@code opaRoundTrip}: cache off, every decision posts to the stand-in and reads, validates
 *       and compiles its answer.
 * </ul>
 *
 * Compare with {@code DecideBenchmark.permitted} in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpaBenchmark {
  private static final String ANSWER = "{\"decision_id\":\"bench\",\"result\":{\"access\":\"permit\","
      + "\"reasons\":[{\"rule\":\"permit-fraud-analysts\",\"message\":\"investigating\"}],"
      + "\"columns\":{\"fraud_score\":{\"effect\":\"deny\",\"rule\":\"score-need-to-know\"},"
      + "\"cardholder_email\":{\"effect\":\"mask\",\"method\":\"hash\",\"rule\":\"hash-email\"}},"
      + "\"rowFilters\":[{\"rule\":\"recent-only\",\"expression\":\"authorization_date >= timestamp('2025-01-01T00:00:00Z')\"}]}}";

  private HttpServer server;
  private GovernanceEngine cached;
  private GovernanceEngine uncached;
  private AccessRequest request;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    // without it the JDK server's header and body writes meet Nagle and delayed ACKs: 40 ms a call
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
        in.readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        out.write(answer);
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    // a generous deadline: a noisy machine must not turn a measurement into a fail-closed deny
    OpaSettings settings = OpaSettings.builder(url).callTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(1)).cache(Duration.ofHours(1), 1_000).build();
    cached = GovernanceEngine.builder().bundle(Policies.directory()).auditSink(AuditSink.discarding()).opa(settings).build();
    uncached = GovernanceEngine.builder().bundle(Policies.directory()).auditSink(AuditSink.discarding())
        .opa(settings.toBuilder().cache(Duration.ZERO, 0).build()).build();
    request = AccessRequest.builder()
        .subject(new Subject("bench-analyst", List.of("employees", "fraud-analysts"), List.of("analyst"),
            Map.of("region", "EU")))
        .product("finance.card_authorizations")
        .columns(List.of("authorization_id", "card_number", "cardholder_email", "merchant_id", "merchant_country",
            "amount", "currency", "fraud_score", "declined", "region", "authorized_at", "authorization_date"))
        .purpose("fraud-investigation")
        .at(Instant.parse("2026-11-24T10:00:00Z"))
        .build();
    expectPermit(cached.decide(request));
    expectPermit(uncached.decide(request));
  }

  private static void expectPermit(Decision decision) {
    if (decision.effect() != Effect.PERMIT || decision.opa().isEmpty() || decision.opa().get(0).failed()) {
      throw new IllegalStateException("expected a permit with an OPA answer, got " + decision.effect().wireName()
          + " " + decision.reasons() + " " + decision.opa());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cached.close();
    uncached.close();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  @Benchmark
  public Decision cachedAnswer() {
    return cached.decide(request);
  }

  @Benchmark
  public Decision opaRoundTrip() {
    return uncached.decide(request);
  }
}
