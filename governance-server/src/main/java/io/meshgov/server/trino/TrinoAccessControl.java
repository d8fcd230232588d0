package io.meshgov.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.Decision;
import io.meshgov.engine.GovernanceEngine;
import java.time.InstantSource;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Answers Trino's OPA access-control plugin as OPA would ({@code {"result": …}}), from meshgov's
 * decisions (docs/trino.md). Thread-safe; never throws: a body it cannot read, an operation it
 * does not know, a bundle that never loaded get the closed answer (deny, no row, every column
 * nulled), with the reason logged.
 */
public final class TrinoAccessControl {
  /**
   * @param engine the engine whose catalog binds Trino tables to data products
   * @param decider decides a request (the server's engine, timed and counted); its decisions are
   *     cached, one per user, table, purpose and time bucket, and so audited once
   */
  public TrinoAccessControl(GovernanceEngine engine, Function<AccessRequest, Decision> decider,
      SubjectResolver subjects, TrinoSettings settings, InstantSource clock) {
    throw new UnsupportedOperationException("being written");
  }

  /** The answer to one call of {@code route}; {@code body} null when it was not JSON. */
  public JsonNode answer(TrinoRoute route, @Nullable JsonNode body) {
    throw new UnsupportedOperationException("being written");
  }

  /** The decision cache's statistics, for {@code /metrics}. */
  public CacheStats cacheStats() {
    throw new UnsupportedOperationException("being written");
  }

  /** Decisions cached now. */
  public long cachedDecisions() {
    throw new UnsupportedOperationException("being written");
  }

  /** Drops every cached decision: after a reload of the bundle or the subjects. */
  public void invalidate() {
    throw new UnsupportedOperationException("being written");
  }
}
