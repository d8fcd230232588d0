package io.meshgov.server;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.Decision;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics (docs/server.md, "Metrics"), in a registry of its own so that
 * two servers in one JVM (tests, an embedding service) never count into each other.
 */
final class ServerMetrics {
  /** Decision latencies are microseconds to a few milliseconds, OPA calls up to the OPA timeout. */
  private static final double[] LATENCY_BUCKETS =
      {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter decisions;
  private final Histogram decisionSeconds;
  private final Counter httpRequests;
  private final Counter reloads;

  ServerMetrics() {
    decisions = Counter.builder()
        .name("meshgov_decisions_total")
        .help("Decisions made, by route (decide, sql, trino) and effect (permit, deny)")
        .labelNames("route", "effect")
        .register(registry);
    decisionSeconds = Histogram.builder()
        .name("meshgov_decision_duration_seconds")
        .help("Time to decide one request, audit record included, by route")
        .labelNames("route")
        .classicOnly()
        .classicUpperBounds(LATENCY_BUCKETS)
        .register(registry);
    httpRequests = Counter.builder()
        .name("meshgov_http_requests_total")
        .help("HTTP requests answered, by route and status")
        .labelNames("route", "status")
        .register(registry);
    reloads = Counter.builder()
        .name("meshgov_reloads_total")
        .help("Reloads of the bundle or the subjects file, by outcome (accepted, rejected)")
        .labelNames("source", "outcome")
        .register(registry);
  }

  void decided(String route, Decision decision, long nanos) {
    decisions.labelValues(route, decision.isPermitted() ? "permit" : "deny").inc();
    decisionSeconds.labelValues(route).observe(nanos / 1e9);
  }

  void answered(String route, int status) {
    httpRequests.labelValues(route, Integer.toString(status)).inc();
  }

  void reloaded(String source, boolean accepted) {
    reloads.labelValues(source, accepted ? "accepted" : "rejected").inc();
  }

  /** The bundle in use as {@code meshgov_bundle_info{name, revision, digest} 1}, read at each scrape. */
  void watchBundle(Supplier<BundleInfo> bundle) {
    GaugeWithCallback.builder()
        .name("meshgov_bundle_info")
        .help("The policy bundle decisions are made with; always 1")
        .labelNames("name", "revision", "digest")
        .callback(callback -> {
          BundleInfo info = bundle.get();
          callback.call(1, info.name(), info.revision() == null ? "" : info.revision(), info.digest());
        })
        .register(registry);
  }

  /** The Trino decision cache's counters, read at each scrape. */
  void watchTrinoCache(Supplier<CacheStats> stats, LongSupplier size) {
    cacheGauge("meshgov_trino_cache_hits", "Trino calls answered from a cached decision", () -> stats.get().hitCount());
    cacheGauge("meshgov_trino_cache_misses", "Trino calls that needed a new decision", () -> stats.get().missCount());
    cacheGauge("meshgov_trino_cache_evictions", "Cached Trino decisions evicted (expired or over the bound)",
        () -> stats.get().evictionCount());
    cacheGauge("meshgov_trino_cache_size", "Trino decisions cached now", size);
  }

  private void cacheGauge(String name, String help, LongSupplier value) {
    GaugeWithCallback.builder().name(name).help(help)
        .callback(callback -> callback.call(value.getAsLong()))
        .register(registry);
  }

  /** Every metric in the Prometheus text format. */
  byte[] scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape());
    return out.toByteArray();
  }

  String contentType() {
    return writer.getContentType();
  }
}
