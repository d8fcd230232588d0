package io.meshgov.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShippedBundleSqlTest {
  /** The engine reads binding keys without knowing this module: the shipped bundle binds every dialect. */
  @Test
  void everyShippedProductBindsEveryDialect() {
    Path policies = Path.of(System.getProperty("meshgov.policies", "../policies"));
    java.util.Set<String> dialects = new java.util.TreeSet<>();
    for (SqlDialect dialect : SqlDialect.values()) {
      dialects.add(dialect.wireName());
    }
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(policies).build()) {
      for (DataProduct product : engine.catalog().values()) {
        // archive tables (<dialect>-archive) are the retention job's, not a dialect of their own
        java.util.Set<String> bound = new java.util.TreeSet<>(product.bindings().keySet());
        bound.removeIf(key -> key.endsWith("-archive"));
        org.junit.jupiter.api.Assertions.assertEquals(dialects, bound, product.id());
      }
    }
  }

  @Test
  void rendersTheSampleRequestInEveryDialect() throws Exception {
    Path policies = Path.of(System.getProperty("meshgov.policies", "../policies"));
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(policies).build()) {
      String json = Files.readString(policies.resolve("../samples/requests/alice-invoices.json"));
      RequestReader reader = new RequestReader(engine.catalog(), engine.vocabulary(), io.meshgov.api.LoadLimits.DEFAULTS);
      Decision decision = engine.decide(reader.read("alice-invoices.json", json).items().get(0).request());
      DataProduct product = engine.product(decision.product().id()).orElseThrow();
      for (SqlDialect dialect : SqlDialect.values()) {
        for (Rendering rendering : Rendering.values()) {
          SqlFragment sql = SqlRenderer.of(dialect).query(decision, product, rendering);
          System.out.println(dialect + " " + rendering + ":\n" + sql.sql() + "\n" + sql.parameters());
          assertFalse(sql.sql().isEmpty());
        }
      }
    }
  }
}
