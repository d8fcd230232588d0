package io.meshgov.server;

/** {@code GET /metrics}: every metric in the Prometheus text format. */
final class MetricsHandler implements Endpoint {
  private final ServerMetrics metrics;

  MetricsHandler(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Reply handle(Call call) throws Exception {
    return new Reply(200, metrics.contentType(), metrics.scrape());
  }
}
