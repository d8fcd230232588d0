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
 */
final class FiltersChecked {
  private record Key(String source, List<Column> columns) {}

  private static final Cache<Key, Boolean> PASSED = Caffeine.newBuilder().maximumSize(4_096).build();

  private FiltersChecked() {}

  static boolean passed(String source, List<Column> columns) {
    return PASSED.getIfPresent(new Key(source, columns)) != null;
  }

  static void remember(String source, List<Column> columns) {
    PASSED.put(new Key(source, List.copyOf(columns)), Boolean.TRUE);
  }
}
