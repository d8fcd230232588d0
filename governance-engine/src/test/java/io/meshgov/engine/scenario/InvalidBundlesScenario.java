package io.meshgov.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgov.api.BundleRejectedException;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.engine.GovernanceEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/policy-language.md load-time rules: each directory under {@code scenarios/invalid/} is a bundle that
 * must be rejected, with every problem (not only the first) at its {@code file:line:column}, exactly
 * as its {@code expected-problems.txt} lists them.
 */
public class InvalidBundlesScenario {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "cel-type-error",          // `subject.roles + 1` and a filter comparing a decimal column with a string
      "column-permit",           // a column-level rule may only deny
      "cross-domain",            // a domain set naming another domain's product or domain
      "duplicate-rule-id",       // rule ids are unique in a set
      "filter-missing-column",   // a filter naming a column a matched catalog product lacks
      "filter-outside-subset",   // matches() and macros are outside the SQL-expressible subset
      "retention-basis",         // maximum without basis, a string basis, an unknown basis
      "scope-mismatch",          // folder and declared scope disagree (domain and global)
      "unknown-keys"})           // a typo must never silently weaken a rule
  public void invalidBundle_rejectedWithEveryProblemAtItsPosition(String name) throws IOException {
    Path bundle = Scenarios.bundle("invalid/" + name);
    List<String> expected = Files.readAllLines(bundle.resolve("expected-problems.txt"), StandardCharsets.UTF_8)
        .stream().filter(line -> !line.isBlank()).toList();

    List<Problem> problems = GovernanceEngine.builder().bundle(bundle).validate();
    assertEquals(expected, problems.stream().filter(Problem::isError).map(Problem::format).toList());

    BundleRejectedException e = assertThrows(BundleRejectedException.class, () -> Scenarios.engine("invalid/" + name));
    assertEquals(expected, e.problems().stream().filter(Problem::isError).map(Problem::format).toList());
  }
}
