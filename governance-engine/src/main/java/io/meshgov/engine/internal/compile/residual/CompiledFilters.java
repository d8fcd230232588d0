package io.meshgov.engine.internal.compile.residual;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.meshgov.engine.internal.validate.Filter;
import java.util.Set;

/**
 * The row filters one engine has compiled, by source text. A residual filter depends on the
 * expression alone (its known parts are planned in a product-independent environment) and is
 * immutable, so a filter a reload compiles again, or an OPA answer brings again, is reused.
 *
 * <p>Created with its engine and dropped with it: nothing is shared between engines, or between
 * tests. Bounded; thread-safe.
 */
public final class CompiledFilters {
  private static final long MAXIMUM_SIZE = 4_096;

  private final Cache<String, ResidualFilter> bySource = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).build();

  /** The compiled filter, this cache's own if it compiled the same text before. */
  public ResidualFilter compile(Filter filter) {
    ResidualFilter compiled = bySource.getIfPresent(filter.source());
    if (compiled != null && filter.columns().equals(Set.copyOf(compiled.columns()))) {
      return compiled;
    }
    compiled = ResidualFilter.compile(filter);
    bySource.put(filter.source(), compiled);
    return compiled;
  }
}
