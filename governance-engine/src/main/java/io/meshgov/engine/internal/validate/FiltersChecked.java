package io.meshgov.engine.internal.validate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.meshgov.api.Column;
import java.util.List;

/**
 * The row filters that type-checked against a product's columns. CEL's checker allocates some
 * half a megabyte per check; OPA answers bring the same few filters again and again (their input
 * differs by subject and instant, their filters seldom), and bundle reloads check the same filters
 * again. The outcome depends only on the text and the columns' names and types, so a success is
 * remembered, bounded. Failures are not: they are reported each time, with positions.
 *
 * <p>One per engine, created with it and dropped with it: nothing is shared between engines, or
 * between tests; a validation without an engine uses a fresh one. Thread-safe.
 */
public final class FiltersChecked {
  private static final long MAXIMUM_SIZE = 4_096;

  private record Key(String source, List<Column> columns) {}

  private final Cache<Key, Boolean> passed = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).build();

  boolean passed(String source, List<Column> columns) {
    return passed.getIfPresent(new Key(source, columns)) != null;
  }

  void remember(String source, List<Column> columns) {
    passed.put(new Key(source, List.copyOf(columns)), Boolean.TRUE);
  }
}
