package io.meshgov.engine.internal.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.PolicyTestReport;
import io.meshgov.api.Problem;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.scenario.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/policy-language.md, PolicyTest: {@code retention: null} expects a decision without a
 * retention obligation, {@code rowFilters: []} one without any row filter (the retention cutoff
 * included); a non-empty {@code rowFilters} still lists filters that must be present. Cases run on
 * the {@code scenarios/retention} bundle, where purpose {@code combine} gets a retention with a
 * maximum (so a cutoff filter), {@code minimum-only} a retention without a cutoff, and any other
 * purpose neither.
 */
class PolicyTestRunnerTest {
  private static final String HEADER = """
      apiVersion: meshgov/v1
      kind: PolicyTest
      metadata: {name: expectations}
      cases:
      """;

  /** The scenario bundle with {@code tests/hist/records.yaml} holding {@code cases} (YAML, indented two). */
  private static Path bundle(Path dir, String cases) throws IOException {
    Path source = Scenarios.bundle("retention");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = dir.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Files.createDirectories(dir.resolve("tests/hist"));
    Files.writeString(dir.resolve("tests/hist/records.yaml"), HEADER + cases, UTF_8);
    return dir;
  }

  private static PolicyTestReport run(Path bundle) {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle).clock(Scenarios.CLOCK).build()) {
      return engine.runPolicyTests();
    }
  }

  /** Each case's name and its failures. */
  private static Map<String, List<String>> failures(PolicyTestReport report) {
    return report.cases().stream().collect(Collectors.toMap(PolicyTestReport.Case::name,
        PolicyTestReport.Case::failures, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private static List<String> errors(Path bundle) {
    return GovernanceEngine.builder().bundle(bundle).validate().stream().filter(Problem::isError)
        .map(Problem::format).toList();
  }

  private static String request(String purpose) {
    return request(purpose, "[staff]");
  }

  private static String request(String purpose, String groups) {
    return "    request: {subject: {id: ann, groups: " + groups + "}, product: hist.records, purpose: " + purpose
        + ", at: \"2026-11-24T10:00:00Z\"}\n";
  }

  // ------------------------------------------------------------------ a case's request is strict

  @Test
  void requestValueThatYamlTypesAsNoString_isABundleError_butAnUnquotedAtIsATimestamp(@TempDir Path dir)
      throws IOException {
    Path bundle = bundle(dir, ""
        + "  - name: typed values\n"
        + "    request:\n"
        + "      subject: {id: ola, groups: [staff], attributes: {region: NO}}\n"
        + "      product: hist.records\n"
        + "      purpose: 42\n"
        + "      at: 2026-11-24T10:00:00Z\n"
        + "    expect: {effect: permit}\n");
    assertEquals(List.of(
        "tests/hist/records.yaml:7:64: attribute 'region' of 'subject' must be a string, not a boolean (NO) "
            + "[wrong-type] help: write it as a string: \"NO\"",
        "tests/hist/records.yaml:9:16: 'purpose' of a request must be a string, not a number (42) [wrong-type] "
            + "help: write it as a string: \"42\""), errors(bundle));
  }

  // ------------------------------------------------------------------ retention: null

  @Test
  void retentionNull_passesWhenTheDecisionHasNone(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, ""
        + "  - name: no retention rule applies\n" + request("other")
        + "    expect: {effect: permit, retention: null}\n"
        + "  - name: tilde is null\n" + request("other")
        + "    expect:\n"
        + "      retention: ~\n"
        + "  - name: nothing after the key is null\n" + request("other")
        + "    expect:\n"
        + "      retention:\n"
        + "  - name: a deny has no retention\n" + request("combine", "[outsiders]")
        + "    expect: {effect: deny, retention: null}\n");
    assertEquals(List.of(), errors(bundle));
    PolicyTestReport report = run(bundle);
    assertEquals(4, report.passed(), () -> failures(report).toString());
  }

  @Test
  void retentionNull_failsAtTheKey_sayingWhatTheDecisionHas(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, ""
        + "  - name: combine has a retention\n" + request("combine")
        + "    expect:\n"
        + "      effect: permit\n"
        + "      retention: null\n"
        + "  - name: a legal hold is a retention too\n" + request("hold")
        + "    expect: {retention: ~}\n");
    assertEquals(List.of(), errors(bundle));
    assertEquals(Map.of(
        "combine has a retention", List.of("tests/hist/records.yaml:9:7: expected no retention, got {basis: updated, "
            + "minimum: P5Y, maximum: P7Y, action: anonymize, cutoff: 2019-11-24T10:00:00Z}"),
        "a legal hold is a retention too", List.of("tests/hist/records.yaml:12:14: expected no retention, got "
            + "{basis: created, minimum: P2Y, action: delete, legalHold: true}")),
        failures(run(bundle)));
  }

  @Test
  void retentionMapping_stillComparesItsKeys(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, ""
        + "  - name: a retention where none is\n" + request("other")
        + "    expect: {retention: {maximum: P7Y}}\n");
    assertEquals(Map.of("a retention where none is",
        List.of("tests/hist/records.yaml:7:25: expected retention, but the decision has none")), failures(run(bundle)));
  }

  @Test
  void retentionList_isStillABundleError(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, "  - name: a list\n" + request("other") + "    expect: {retention: [P7Y]}\n");
    assertEquals(List.of("tests/hist/records.yaml:7:25: 'expect.retention' must be a mapping, not a list [wrong-type]"),
        errors(bundle));
  }

  // ------------------------------------------------------------------ rowFilters: []

  @Test
  void emptyRowFilters_passWhenTheDecisionHasNone(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, ""
        + "  - name: no filter, no retention\n" + request("other")
        + "    expect: {effect: permit, rowFilters: []}\n"
        + "  - name: a retention without a maximum has no cutoff filter\n" + request("minimum-only")
        + "    expect:\n"
        + "      retention: {minimum: P1Y, cutoff: null}\n"
        + "      rowFilters: []\n"
        + "  - name: a deny has no row filters\n" + request("combine", "[outsiders]")
        + "    expect: {effect: deny, rowFilters: []}\n");
    assertEquals(List.of(), errors(bundle));
    PolicyTestReport report = run(bundle);
    assertEquals(3, report.passed(), () -> failures(report).toString());
  }

  @Test
  void emptyRowFilters_failAtTheKey_listingTheFiltersFound(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, ""
        + "  - name: the retention cutoff is a row filter\n" + request("combine")
        + "    expect:\n"
        + "      rowFilters: []\n");
    assertEquals(Map.of("the retention cutoff is a row filter",
        List.of("tests/hist/records.yaml:8:7: expected no row filters, got "
            + "[updated >= timestamp('2019-11-24T10:00:00Z')]")), failures(run(bundle)));
  }

  @Test
  void nonEmptyRowFilters_stillListFiltersThatMustBePresent(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, ""
        + "  - name: the cutoff is there\n" + request("combine")
        + "    expect: {rowFilters: [\"updated >= timestamp('2019-11-24T10:00:00Z')\"]}\n"
        + "  - name: a filter that is not there\n" + request("other")
        + "    expect: {rowFilters: [\"region == 'EU'\"]}\n");
    assertEquals(Map.of("the cutoff is there", List.of(),
        "a filter that is not there", List.of("tests/hist/records.yaml:10:27: expected row filter region == 'EU', got []")),
        failures(run(bundle)));
  }

  @Test
  void nullRowFilters_isABundleError_atTheNull(@TempDir Path dir) throws IOException {
    Path bundle = bundle(dir, "  - name: a null\n" + request("other") + "    expect:\n      rowFilters: null\n");
    assertEquals(List.of("tests/hist/records.yaml:8:19: 'rowFilters' of 'expect' must be a list, not null [wrong-type] "
        + "help: write rowFilters: [] to expect no row filters, or leave the key out"), errors(bundle));
  }
}
