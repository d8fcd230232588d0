package io.meshgov.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of running a bundle's PolicyTest cases: each case in file order, passed or with its
 * failures, and which rules of the bundle the cases applied (docs/cli.md, test --coverage).
 * Immutable.
 *
 * @param cases every case run, in the order of the bundle's test files and their cases
 * @param coverage every rule of every policy set version of the bundle, whether a case applied it,
 *     in tie-break order (docs/combining.md), versions of one set lowest first, then in file order
 * @param opaBackedSets the policy set versions evaluated by OPA, as {@code <id>@<version>}: their
 *     rules are written in Rego, not in the bundle, so {@code coverage} cannot count them
 */
public record PolicyTestReport(List<Case> cases, List<RuleCoverage> coverage, List<String> opaBackedSets) {
  public PolicyTestReport {
    cases = List.copyOf(cases);
    coverage = List.copyOf(coverage);
    opaBackedSets = List.copyOf(opaBackedSets);
  }

  /**
   * One case's outcome: passed, or the failures (expectation mismatches, or problems with the case).
   *
   * @param file the test file, relative to the bundle root
   * @param line the 1-based line of the case in {@code file}
   * @param column the 1-based column of the case in {@code file}
   * @param suite the suite's {@code metadata.name}, or the file when it has none
   * @param name the case's name
   * @param failures one line per failure; empty when the case passed
   */
  public record Case(String file, int line, int column, String suite, String name, List<String> failures) {
    public Case {
      Objects.requireNonNull(file, "file must not be null");
      Objects.requireNonNull(suite, "suite must not be null");
      Objects.requireNonNull(name, "name must not be null");
      failures = List.copyOf(failures);
    }

    public boolean passed() {
      return failures.isEmpty();
    }
  }

  /** How many cases passed. */
  public long passed() {
    long passed = 0;
    for (Case testCase : cases) {
      if (testCase.passed()) {
        passed++;
      }
    }
    return passed;
  }

  /** How many cases failed. */
  public long failed() {
    return cases.size() - passed();
  }

  /** How many rules of {@link #coverage()} some case applied. */
  public long appliedRules() {
    long applied = 0;
    for (RuleCoverage rule : coverage) {
      if (rule.applied()) {
        applied++;
      }
    }
    return applied;
  }
}
