package io.meshgov.sql;

/** How values reach the SQL text (docs/sql.md). */
public enum Rendering {
  /** Every value is a bind parameter {@code ?}, returned beside the SQL. The default. */
  BIND,
  /**
   * Values are written as literals with the dialect's escaping; only for engines that take an
   * expression string and nothing else (Trino's access-control plugin).
   */
  INLINE
}
