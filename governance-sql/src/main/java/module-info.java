/**
 * meshgov's SQL rendering: permitted decisions as PostgreSQL, Trino and Spark SQL (docs/sql.md).
 * Exported, and so API: {@code io.meshgov.sql}, whose entry point is {@link
 * io.meshgov.sql.SqlRenderer}. CEL-Java stays on the class path, as for the engine: run with {@code
 * --add-reads io.meshgov.sql=ALL-UNNAMED}.
 */
module io.meshgov.sql {
  requires transitive io.meshgov.engine;
  requires static org.jspecify;

  exports io.meshgov.sql;
}
