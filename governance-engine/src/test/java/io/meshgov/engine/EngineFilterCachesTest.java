package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.meshgov.engine.internal.compile.CompiledRule;
import io.meshgov.engine.internal.compile.residual.ResidualFilter;
import io.meshgov.engine.scenario.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Type-checked and compiled row filters belong to an engine: a reload reuses them, another engine
 * checks and compiles its own. (They were once kept in JVM-wide static caches that outlived engines
 * and tests.)
 */
class EngineFilterCachesTest {

  private static DefaultGovernanceEngine engine() {
    return (DefaultGovernanceEngine) GovernanceEngine.builder().bundle(Scenarios.bundle("row-filters")).build();
  }

  private static List<ResidualFilter> filters(DefaultGovernanceEngine engine) {
    List<ResidualFilter> filters = new ArrayList<>();
    for (CompiledRule rule : engine.compiledBundle().rulesInForce(Scenarios.AT)) {
      if (rule.filter() != null) {
        filters.add(rule.filter());
      }
    }
    return filters;
  }

  @Test
  void reload_sameFilters_reusesTheEnginesCompiledFilters() {
    try (DefaultGovernanceEngine engine = engine()) {
      List<ResidualFilter> before = filters(engine);
      engine.reload();
      List<ResidualFilter> after = filters(engine);

      assertEquals(9, before.size());
      for (int i = 0; i < before.size(); i++) {
        assertSame(before.get(i), after.get(i), before.get(i).source());
      }
    }
  }

  @Test
  void reload_keepsTheEnginesMemoryOfCheckedFilters() {
    try (DefaultGovernanceEngine engine = engine()) {
      var before = engine.checkedFilters();
      engine.reload();

      assertSame(before, engine.checkedFilters());
    }
  }

  @Test
  void twoEngines_doNotShareCheckedFilters() {
    try (DefaultGovernanceEngine first = engine(); DefaultGovernanceEngine second = engine()) {
      assertNotSame(first.checkedFilters(), second.checkedFilters());
    }
  }

  @Test
  void twoEngines_sameBundle_doNotShareCompiledFilters() {
    try (DefaultGovernanceEngine first = engine(); DefaultGovernanceEngine second = engine()) {
      List<ResidualFilter> firsts = filters(first);
      List<ResidualFilter> seconds = filters(second);

      assertEquals(firsts.size(), seconds.size());
      for (int i = 0; i < firsts.size(); i++) {
        assertEquals(firsts.get(i).source(), seconds.get(i).source());
        assertNotSame(firsts.get(i), seconds.get(i), firsts.get(i).source());
      }
    }
  }
}
