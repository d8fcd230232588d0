package io.meshgov.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.Decision;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.server.trino.SubjectResolver;
import io.meshgov.server.trino.TrinoAccessControl;
import io.meshgov.server.trino.TrinoRoute;
import io.meshgov.server.trino.TrinoSettings;
import java.time.InstantSource;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the server needs of whatever answers Trino's routes: the answers themselves, the cache
 * figures {@code /metrics} shows, and a way to drop cached decisions after a reload.
 * {@link TrinoAccessControl} is the one implementation the server runs with ({@link #of}); the
 * interface lets the routing be tested without it.
 */
public interface TrinoAnswers {
  /** The answer to one call; {@code body} is null when it was not JSON. */
  JsonNode answer(TrinoRoute route, @Nullable JsonNode body);

  CacheStats cacheStats();

  long cachedDecisions();

  void invalidate();

  static TrinoAnswers of(TrinoAccessControl control) {
    return new TrinoAnswers() {
      @Override
      public JsonNode answer(TrinoRoute route, @Nullable JsonNode body) {
        return control.answer(route, body);
      }

      @Override
      public CacheStats cacheStats() {
        return control.cacheStats();
      }

      @Override
      public long cachedDecisions() {
        return control.cachedDecisions();
      }

      @Override
      public void invalidate() {
        control.invalidate();
      }
    };
  }

  /** Builds the Trino answers once the engine and the subjects are loaded. */
  @FunctionalInterface
  interface Factory {
    /** {@link TrinoAccessControl}, the server's own. */
    Factory ACCESS_CONTROL = (engine, decider, subjects, settings, clock) ->
        of(new TrinoAccessControl(engine, decider, subjects, settings, clock));

    TrinoAnswers create(GovernanceEngine engine, Function<AccessRequest, Decision> decider, SubjectResolver subjects,
        TrinoSettings settings, InstantSource clock);
  }
}
