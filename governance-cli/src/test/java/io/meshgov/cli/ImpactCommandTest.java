package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code impact} on pairs of bundles that differ by one realistic change each: exactly the expected
 * differences, each classed, and {@code --fail-on loosened} exits 4 exactly when something loosened.
 */
class ImpactCommandTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final Path POLICIES = Path.of(System.getProperty("meshgov.policies", "../policies"));
  private static final Path SUBJECTS = POLICIES.resolveSibling("samples").resolve("subjects.yaml");
  private static final String AT = "2026-11-24T10:00:00Z";

  @TempDir Path directory;

  @Test
  void anIdenticalBundleHasNoDifference() throws Exception {
    JsonNode impact = impact(POLICIES, 0);
    assertEquals(0, impact.get("changes").size());
  }

  @Test
  void aNewExemptionLoosensTheColumnsItUnmasks() throws Exception {
    Path proposed = changed("global/pii-protection.yaml",
        "request.purpose in ['customer-support', 'fraud-investigation', 'campaign-delivery', 'data-subject-access']",
        "request.purpose in ['customer-support', 'fraud-investigation', 'campaign-delivery', 'data-subject-access', 'collections']");
    JsonNode impact = impact(proposed, 4);
    Set<String> kinds = summary(impact);
    assertTrue(kinds.stream().allMatch(k -> k.startsWith("loosened column ") && k.endsWith("mask email -> allow")), kinds.toString());
    JsonNode first = impact.get("changes").get(0);
    assertEquals(List.of("global.pii-protection/mask-email@1.2.0"), strings(first.get("baseRules")));
    assertTrue(first.get("newRules").get(0).asText().contains("'unless' is true"), first.toString());
    assertTrue(strings(first.get("in")).contains("read for collections"), first.toString());
  }

  @Test
  void aWeakerMaskLoosens() throws Exception {
    Path proposed = changed("global/pii-protection.yaml",
        "mask: {method: partial, showFirst: 0, showLast: 4, maskChar: '*'}",
        "mask: {method: partial, showFirst: 6, showLast: 4, maskChar: '*'}");
    JsonNode impact = impact(proposed, 4);
    for (String change : summary(impact)) {
      assertTrue(change.startsWith("loosened column ") && change.contains("showFirst=0")
          && change.contains("-> mask partial(showFirst=6"), change);
    }
    assertTrue(impact.get("loosened").asInt() > 0);
    assertEquals(0, impact.get("tightened").asInt());
  }

  @Test
  void aRemovedFilterLoosensEveryReaderItFiltered() throws Exception {
    Path proposed = removed("global/residency.yaml");
    JsonNode impact = impact(proposed, 4);
    Set<String> kinds = summary(impact);
    // a reader without a region attribute had the residual false (no row); now every row
    assertTrue(kinds.contains("loosened row filter: region == 'EU' -> none"), kinds.toString());
    assertTrue(kinds.contains("loosened row filter: false -> none"), kinds.toString());
    assertTrue(kinds.stream().allMatch(k -> k.startsWith("loosened row filter: ") && k.endsWith(" -> none")),
        kinds.toString());
  }

  @Test
  void aShortenedRetentionMaximumTightens() throws Exception {
    Path proposed = changed("global/retention.yaml", "minimum: P7Y, maximum: P10Y", "minimum: P7Y, maximum: P8Y");
    JsonNode impact = impact(proposed, 0);
    // where the council's eight years now tie with finance's own (an anonymizing rule), the
    // tie-break hands the maximum to the council's deleting rule: the action changes too
    assertEquals(Set.of("tightened retention: P10Y -> P8Y", "tightened retention: anonymize -> delete"), summary(impact));
  }

  @Test
  void aNewDenyTightensAccess() throws Exception {
    Path proposed = appended("global/access.yaml", """

          - id: deny-marketing-exports
            kind: access
            description: Marketing data is never exported.
            match: {products: {domains: [marketing]}, actions: [export]}
            effect: deny
        """);
    JsonNode impact = impact(proposed, 0);
    assertEquals(Set.of("tightened access: permit -> deny"), summary(impact));
    for (JsonNode change : impact.get("changes")) {
      assertTrue(change.get("product").asText().startsWith("marketing."), change.toString());
      assertTrue(strings(change.get("newRules")).contains("global.access/deny-marketing-exports@9.9.9"), change.toString());
      assertTrue(strings(change.get("in")).stream().allMatch(in -> in.startsWith("export for") || in.startsWith("test ")),
          change.toString());
    }
  }

  @Test
  void aTagMovedFromOneColumnToAnotherLoosensOneAndTightensTheOther() throws Exception {
    Path proposed = changed("products/marketing/campaign_contacts.yaml",
        "{name: phone, type: string, tags: [pii.phone]}", "{name: phone, type: string, tags: [pii.email]}");
    JsonNode impact = impact(proposed, 4);
    Set<String> kinds = summary(impact);
    // phone now carries pii.email: the council's e-mail rules (and marketing's hashing of e-mails)
    // apply to it instead of the phone rules, wider for some readers, narrower for others
    assertTrue(kinds.stream().allMatch(k -> k.contains(" column phone: ")), kinds.toString());
    assertTrue(kinds.contains("loosened column phone: mask hash -> allow"), kinds.toString());
    assertTrue(kinds.contains("tightened column phone: allow -> mask hash"), kinds.toString());
  }

  @Test
  void failOnLoosenedIsZeroWhenOnlyTightened() throws Exception {
    Path proposed = changed("global/retention.yaml", "minimum: P7Y, maximum: P10Y", "minimum: P7Y, maximum: P8Y");
    GovernanceCliTest.Run run = GovernanceCliTest.run("impact", "--base", POLICIES.toString(), "--policies",
        proposed.toString(), "--subjects", SUBJECTS.toString(), "--at", AT, "--fail-on", "loosened");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("0 loosened, "), run.out());
  }

  @Test
  void markdownIsATablePerProduct() throws Exception {
    Path proposed = removed("global/residency.yaml");
    GovernanceCliTest.Run run = GovernanceCliTest.run("impact", "--base", POLICIES.toString(), "--policies",
        proposed.toString(), "--subjects", SUBJECTS.toString(), "--at", AT, "--format", "markdown");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("### Policy impact"), run.out());
    assertTrue(run.out().contains("| subject | | what | before | after | where | rules (base → new) |"), run.out());
    assertTrue(run.out().contains(":warning: loosened"), run.out());
  }

  @Test
  void badInputIsExitTwo() {
    assertEquals(2, GovernanceCliTest.run("impact", "--base", directory.resolve("nothing").toString(), "--policies",
        POLICIES.toString()).exit());
    assertEquals(2, GovernanceCliTest.run("impact", "--base", POLICIES.toString(), "--policies", POLICIES.toString(),
        "--fail-on", "tightened").exit());
    assertEquals(2, GovernanceCliTest.run("impact", "--base", POLICIES.toString(), "--policies", POLICIES.toString(),
        "--at", "yesterday").exit());
  }

  /** The shipped example's proposed bundle is the shipped one but for one policy set: it cannot drift. */
  @Test
  void theShippedExampleDiffersFromPoliciesInOneFile() throws IOException {
    Path proposed = POLICIES.resolveSibling("samples").resolve("impact").resolve("proposed");
    List<String> differing = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.walk(POLICIES), Files.walk(proposed))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = file.startsWith(proposed) ? proposed.relativize(file) : POLICIES.relativize(file);
        Path left = POLICIES.resolve(relative.toString());
        Path right = proposed.resolve(relative.toString());
        if (!Files.exists(left) || !Files.exists(right) || Files.mismatch(left, right) != -1) {
          if (!differing.contains(relative.toString())) {
            differing.add(relative.toString());
          }
        }
      }
    }
    assertEquals(List.of("global/pii-protection.yaml"), differing,
        "samples/impact/proposed must be policies/ with only global/pii-protection.yaml changed: copy policies/ again");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private JsonNode impact(Path proposed, int expectedExit) throws IOException {
    GovernanceCliTest.Run run = GovernanceCliTest.run("impact", "--base", POLICIES.toString(), "--policies",
        proposed.toString(), "--subjects", SUBJECTS.toString(), "--at", AT, "--format", "json", "--fail-on", "loosened");
    assertEquals(expectedExit, run.exit(), run.err() + run.out());
    return JSON.readTree(run.out());
  }

  /** {@code class kind[ column]: before -> after} of every change. */
  private static Set<String> summary(JsonNode impact) {
    Set<String> kinds = new TreeSet<>();
    for (JsonNode change : impact.get("changes")) {
      String what = change.get("kind").asText().replace('-', ' ')
          + (change.get("column").isNull() || change.get("kind").asText().equals("retention") ? "" : " " + change.get("column").asText());
      kinds.add(change.get("class").asText() + " " + what + ": " + change.get("before").asText() + " -> "
          + change.get("after").asText());
    }
    return kinds;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private Path copy() throws IOException {
    return BundleCopies.copy(POLICIES, directory.resolve("proposed"));
  }

  private Path changed(String file, String from, String to) throws IOException {
    Path target = copy();
    Path path = target.resolve(file);
    String text = Files.readString(path);
    assertTrue(text.contains(from), file + " holds " + from);
    Files.writeString(path, bumped(text.replace(from, to)));
    return target;
  }

  private Path appended(String file, String rules) throws IOException {
    Path target = copy();
    Path path = target.resolve(file);
    Files.writeString(path, bumped(Files.readString(path)) + rules);
    return target;
  }

  private Path removed(String file) throws IOException {
    Path target = copy();
    Files.delete(target.resolve(file));
    return target;
  }

  /** A changed policy set is a new version, as the council bumps it. */
  private static String bumped(String text) {
    return text.replaceFirst("(?m)^  version: (\\d+)\\.(\\d+)\\.(\\d+)$", "  version: 9.9.9");
  }
}
