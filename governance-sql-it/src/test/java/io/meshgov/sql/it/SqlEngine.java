package io.meshgov.sql.it;

import io.meshgov.api.Column;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlParameter;
import java.util.List;

/**
 * A real SQL engine, started once per test run, that the corpus tests read through rendered SQL.
 *
 * <p>Values in and out use the Java types of {@code io.meshgov.engine.mask.Masks}: String, Long,
 * BigDecimal, Boolean, LocalDate, Instant, and null. Each engine maps meshgov's column types to
 * its own physical types (see {@link #physicalType}).
 */
public interface SqlEngine {
  SqlDialect dialect();

  /** The engine's physical SQL type for a meshgov column type, as the test tables declare it. */
  String physicalType(io.meshgov.api.ColumnType type);

  /** Whether the engine can store {@code value} in a column of {@code type} (PostgreSQL text holds no NUL). */
  boolean canStore(io.meshgov.api.ColumnType type, Object value);

  /**
   * Creates table {@code table} (an unquoted simple name; replaced if it exists) with these
   * columns, quoted as the dialect quotes identifiers, and inserts {@code rows}, each a list of
   * values in column order. Returns the table's qualified name as rendered SQL should name it
   * (e.g. {@code memory.default.t}), unquoted parts joined by dots.
   */
  String createTable(String table, List<Column> columns, List<List<Object>> rows);

  /** Runs {@code sql} with positional parameters bound by type; returns every row's values in order. */
  List<List<Object>> query(String sql, List<SqlParameter> parameters);
}
