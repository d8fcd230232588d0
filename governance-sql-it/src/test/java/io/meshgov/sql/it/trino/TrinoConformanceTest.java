package io.meshgov.sql.it.trino;

import io.meshgov.sql.it.EngineConformance;
import io.meshgov.sql.it.SqlEngine;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rendered SQL on a real Trino 476: every mask cell and every filtered row as Java gives them. */
@ExtendWith(TrinoExtension.class)
class TrinoConformanceTest extends EngineConformance {
  private final TrinoEngine engine;

  TrinoConformanceTest(TrinoEngine engine) {
    this.engine = engine;
  }

  @Override
  protected SqlEngine engine() {
    return engine;
  }
}
