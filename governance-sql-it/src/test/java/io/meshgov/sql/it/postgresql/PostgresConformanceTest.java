package io.meshgov.sql.it.postgresql;

import io.meshgov.sql.it.EngineConformance;
import io.meshgov.sql.it.SqlEngine;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rendered SQL on a real PostgreSQL: every mask cell and every filtered row as Java gives them. */
@ExtendWith(PostgresExtension.class)
class PostgresConformanceTest extends EngineConformance {
  private final PostgresEngine engine;

  PostgresConformanceTest(PostgresEngine engine) {
    this.engine = engine;
  }

  @Override
  protected SqlEngine engine() {
    return engine;
  }
}
