package io.meshgov.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code io.meshgov.server.access}, as {@code key=value} pairs
 * so that log pipelines can parse it without a pattern per field. The path is the raw (still
 * percent-encoded) one, so no client can write a line break into the log.
 */
final class AccessLog {
  static final String LOGGER = "io.meshgov.server.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private AccessLog() {}

  static void log(String method, String path, int status, long bytes, long durationNanos, String remote) {
    if (LOG.isInfoEnabled()) {
      LOG.info("method={} path={} status={} bytes={} durationMs={} remote={}", method, path, status, bytes,
          durationNanos / 1_000_000, remote);
    }
  }
}
