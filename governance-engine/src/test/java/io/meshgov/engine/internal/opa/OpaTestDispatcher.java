package io.meshgov.engine.internal.opa;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An OPA stand-in serving several data paths: each path answers its configured result (default
 * {@code {}}) with decision id {@code <second path segment>-<n>}, n counting that path's requests,
 * e.g. {@code finance-1} for the first request to {@code meshgov/finance/screening}.
 */
final class OpaTestDispatcher extends Dispatcher {
  private static final String PREFIX = "/v1/data/";

  private final Map<String, String> results = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, Long> delays = new ConcurrentHashMap<>();

  /** Answers requests to data path {@code path} (e.g. {@code meshgov/finance/screening}) with {@code result}. */
  OpaTestDispatcher answer(String path, String result) {
    results.put(path, result);
    return this;
  }

  /** Holds back the headers of every answer to data path {@code path} for {@code millis}. */
  OpaTestDispatcher delay(String path, long millis) {
    delays.put(path, millis);
    return this;
  }

  /** How many requests reached data path {@code path}. */
  int count(String path) {
    AtomicInteger count = counts.get(path);
    return count == null ? 0 : count.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String encoded = request.getUrl().encodedPath();
    if (!encoded.startsWith(PREFIX)) {
      return new MockResponse.Builder().code(404).body("404 page not found").build();
    }
    String path = encoded.substring(PREFIX.length());
    int n = counts.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
    String[] segments = path.split("/");
    String id = (segments.length > 1 ? segments[1] : segments[0]) + "-" + n;
    MockResponse answer = OpaTestSupport.result(id, results.getOrDefault(path, "{}"));
    Long delay = delays.get(path);
    return delay == null ? answer
        : new MockResponse.Builder(answer).headersDelay(delay, java.util.concurrent.TimeUnit.MILLISECONDS).build();
  }
}
