package io.meshgov.sql.it.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.sql.SqlParameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rendered SQL binds its values by position, often a dozen of them. Spark 4.1.0 to at least 4.2.0
 * bind five or more positional parameters in the wrong order (SPARK-58341): this fails on such a
 * version, before any mask could silently show one column's value in another.
 */
@ExtendWith(SparkEngineExtension.class)
class SparkPositionalParametersTest {
  @Test
  void manyPositionalParametersBindInTheirOrder(SparkEngine engine) {
    StringBuilder sql = new StringBuilder("SELECT 0");
    List<SqlParameter> parameters = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    expected.add(0L);
    for (int i = 0; i < 12; i++) {
      sql.append(", CAST(? AS STRING)");
      parameters.add(SqlParameter.string("p" + i));
      expected.add("p" + i);
    }
    assertEquals(List.of(expected), engine.query(sql.toString(), parameters));
  }
}
