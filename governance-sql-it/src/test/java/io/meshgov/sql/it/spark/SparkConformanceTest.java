package io.meshgov.sql.it.spark;

import io.meshgov.sql.it.EngineConformance;
import io.meshgov.sql.it.SqlEngine;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rendered SQL on Spark SQL in local mode: every mask cell and every filtered row as Java gives them. */
@ExtendWith(SparkEngineExtension.class)
class SparkConformanceTest extends EngineConformance {
  private final SparkEngine engine;

  SparkConformanceTest(SparkEngine engine) {
    this.engine = engine;
  }

  @Override
  protected SqlEngine engine() {
    return engine;
  }
}
