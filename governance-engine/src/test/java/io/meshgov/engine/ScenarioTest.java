package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.engine.scenario.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario tests: small fixture bundles under {@code src/test/resources/scenarios/}, each pinning
 * down the rules of docs/policy-language.md and docs/combining.md with exact assertions on whole decisions. The scenarios live in
 * {@code io.meshgov.engine.scenario}, one class per topic; they run here, as nested classes, so
 * {@code -Dtest='ScenarioTest*'} runs them all and a plain {@code mvn test} runs each once.
 */
class ScenarioTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"effective-dates", "matching", "combining", "masks", "runtime-errors", "row-filters",
      "retention", "explain"})
  void scenarioBundle_isValid_warningsOnlyForMaskEscalation(String name) {
    List<Problem> problems = GovernanceEngine.builder().bundle(Scenarios.bundle(name)).validate();
    for (Problem problem : problems) {
      assertTrue(!problem.isError() && problem.code().equals("mask-escalated"), problem::format);
    }
    assertEquals(name.equals("masks"), !problems.isEmpty(), problems::toString);
  }

  @Nested
  class EffectiveDates extends io.meshgov.engine.scenario.EffectiveDatesScenario {}

  @Nested
  class Matching extends io.meshgov.engine.scenario.MatchingScenario {}

  @Nested
  class Combining extends io.meshgov.engine.scenario.CombiningScenario {}

  @Nested
  class Masks extends io.meshgov.engine.scenario.MasksScenario {}

  @Nested
  class RuntimeErrors extends io.meshgov.engine.scenario.RuntimeErrorsScenario {}

  @Nested
  class RowFilters extends io.meshgov.engine.scenario.RowFiltersScenario {}

  @Nested
  class Retention extends io.meshgov.engine.scenario.RetentionScenario {}

  @Nested
  class Requests extends io.meshgov.engine.scenario.RequestsScenario {}

  @Nested
  class Audit extends io.meshgov.engine.scenario.AuditScenario {}

  @Nested
  class Explain extends io.meshgov.engine.scenario.ExplainScenario {}

  @Nested
  class InvalidBundles extends io.meshgov.engine.scenario.InvalidBundlesScenario {}
}
