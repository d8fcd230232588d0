package io.meshgov.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.meshgov.server.trino.TrinoRoute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for TrinoAccessControl in routing tests: records each call, answers
 * {@code {"result": "<route>"}}, throws for a body {@code {"fail": true}}, and waits for
 * {@link #release} on a body {@code {"wait": true}} (a request kept in flight).
 */
final class FakeTrinoAnswers implements TrinoAnswers {
  record Call(TrinoRoute route, @Nullable JsonNode body) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final AtomicInteger invalidations = new AtomicInteger();
  final CountDownLatch waiting = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  @Override
  public JsonNode answer(TrinoRoute route, @Nullable JsonNode body) {
    calls.add(new Call(route, body));
    if (body != null && body.path("fail").asBoolean()) {
      throw new IllegalStateException("failing on purpose");
    }
    if (body != null && body.path("wait").asBoolean()) {
      waiting.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return JsonNodeFactory.instance.objectNode().put("result", route.path());
  }

  @Override
  public CacheStats cacheStats() {
    return CacheStats.of(7, 3, 0, 0, 0, 2, 0);
  }

  @Override
  public long cachedDecisions() {
    return 5;
  }

  @Override
  public void invalidate() {
    invalidations.incrementAndGet();
  }

  /** A factory that hands out this fake. */
  TrinoAnswers.Factory factory() {
    return (engine, decider, subjects, settings, clock) -> this;
  }
}
