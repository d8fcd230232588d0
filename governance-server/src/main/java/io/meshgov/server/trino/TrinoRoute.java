package io.meshgov.server.trino;

import java.util.Optional;

/** The routes Trino's OPA access-control plugin calls, under {@code /trino/} (docs/trino.md). */
public enum TrinoRoute {
  /** {@code opa.policy.uri}: one operation, answered {@code {"result": true|false}}. */
  ALLOW("allow"),
  /** {@code opa.policy.batched-uri}: a Filter* operation, answered with the indexes it keeps. */
  BATCH("batch"),
  /** {@code opa.policy.row-filters-uri}: {@code GetRowFilters}, answered with expressions. */
  ROW_FILTERS("rowFilters"),
  /** {@code opa.policy.batch-column-masking-uri}: {@code GetColumnMask} for many columns. */
  BATCH_COLUMN_MASKS("batchColumnMasks"),
  /** {@code opa.policy.column-masking-uri}: {@code GetColumnMask} for one column. */
  COLUMN_MASK("columnMask");

  private final String path;

  TrinoRoute(String path) {
    this.path = path;
  }

  /** The last segment of the route's path, e.g. {@code batchColumnMasks}. */
  public String path() {
    return path;
  }

  public static Optional<TrinoRoute> fromPath(String path) {
    for (TrinoRoute route : values()) {
      if (route.path.equals(path)) {
        return Optional.of(route);
      }
    }
    return Optional.empty();
  }
}
