package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --strict} and {@code validate --format text|json|sarif} (docs/cli.md). The
 * bundles are under {@code src/test/resources}: {@code warning-bundle} is valid with one warning
 * ({@code empty-match} at {@code global/access.yaml:15:12}); {@code error-bundle} is the same plus
 * one error ({@code unknown-key} at {@code global/pii.yaml:11:5}). Surefire runs in the module's
 * directory, so {@code src/test/resources/…} is a relative bundle path, as a user would type one.
 */
class ValidateFormatsTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String WARNING_BUNDLE = "src/test/resources/warning-bundle";
  private static final String ERROR_BUNDLE = "src/test/resources/error-bundle";
  private static final String VALID_BUNDLE = "src/test/resources/cli-bundle";
  private static final String EMPTY_MATCH = "global/access.yaml:15:12: warning: match.products.tags is an empty list, "
      + "which matches nothing: the rule never applies [empty-match] help: list at least one value, or remove the "
      + "key to match anything";
  private static final String UNKNOWN_KEY = "global/pii.yaml:11:5: unknown key 'matc' in a rule [unknown-key] "
      + "help: did you mean 'match'?";

  private static GovernanceCliTest.Run run(String... args) {
    return GovernanceCliTest.run(args);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(String text) {
    return text.lines().filter(line -> !line.isBlank()).toList();
  }

  private static List<String> texts(JsonNode array, String pointer) {
    List<String> values = new ArrayList<>();
    for (JsonNode element : array) {
      values.add(element.at(pointer).asText());
    }
    return values;
  }

  // ------------------------------------------------------------------ --strict, text

  @Test
  void strict_warningOnly_exit1_summarySaysSo_problemLinesUnchanged() {
    GovernanceCliTest.Run lenient = run("validate", WARNING_BUNDLE);
    assertEquals(0, lenient.exit(), lenient::err);
    assertEquals(List.of("valid: " + WARNING_BUNDLE + " (1 warning(s))"), lines(lenient.out()));
    assertEquals(List.of(EMPTY_MATCH), lines(lenient.err()));

    GovernanceCliTest.Run strict = run("validate", "--strict", WARNING_BUNDLE);
    assertEquals(1, strict.exit(), strict::err);
    assertEquals("invalid: 0 error(s), 1 warning(s) (--strict: warnings are errors)\n", strict.out());
    assertEquals(lenient.err(), strict.err(), "the problem lines are the same, 'warning:' included");
  }

  @Test
  void strict_withErrorsToo_notesThatTheWarningsCount() {
    GovernanceCliTest.Run strict = run("validate", "--strict", "--policies", ERROR_BUNDLE);
    assertEquals(1, strict.exit());
    assertEquals(List.of("invalid: 1 error(s), 1 warning(s) (--strict: warnings are errors)"), lines(strict.out()));
    assertEquals(List.of(EMPTY_MATCH, UNKNOWN_KEY), lines(strict.err()));
    GovernanceCliTest.Run lenient = run("validate", "--policies", ERROR_BUNDLE);
    assertEquals(1, lenient.exit());
    assertEquals(List.of("invalid: 1 error(s), 1 warning(s)"), lines(lenient.out()));
  }

  @Test
  void strict_withoutWarnings_isStillValid() {
    GovernanceCliTest.Run run = run("validate", "--strict", VALID_BUNDLE);
    assertEquals(0, run.exit(), run::err);
    assertEquals("valid: " + VALID_BUNDLE + " (0 warning(s))\n", run.out());
    assertEquals("", run.err());
  }

  /** The shipped bundle has warnings today and may have none later: --strict fails exactly when it has some. */
  @Test
  void strict_shippedBundle_failsExactlyWhenItHasWarnings() {
    String policies = System.getProperty("meshgov.policies");
    JsonNode report = json(run("validate", "--format", "json", policies).out());
    assertTrue(report.get("valid").asBoolean(), report::toPrettyString);
    long warnings = report.get("warnings").asLong();
    GovernanceCliTest.Run strict = run("validate", "--strict", policies);
    assertEquals(warnings > 0 ? 1 : 0, strict.exit(), strict::out);
    assertEquals(warnings > 0 ? "invalid: 0 error(s), " + warnings + " warning(s) (--strict: warnings are errors)"
        : "valid: " + policies + " (0 warning(s))", strict.out().strip());
    assertEquals(warnings, lines(strict.err()).stream().filter(line -> line.contains(": warning: ")).count());
  }

  @Test
  void formatText_isTheDefault_byteForByte() {
    for (String bundle : List.of(WARNING_BUNDLE, ERROR_BUNDLE, VALID_BUNDLE, "no-such-dir")) {
      GovernanceCliTest.Run plain = run("validate", bundle);
      GovernanceCliTest.Run text = run("validate", "--format", "text", bundle);
      assertEquals(plain, text, bundle);
    }
  }

  // ------------------------------------------------------------------ --format json

  @Test
  void json_errorBundle_oneObjectOnStdout_nothingOnStderr_exit1() {
    GovernanceCliTest.Run run = run("validate", "--format", "json", "--policies", ERROR_BUNDLE);
    assertEquals(1, run.exit(), run::out);
    assertEquals("", run.err());
    JsonNode report = json(run.out());
    assertEquals(List.of("valid", "strict", "bundle", "errors", "warnings", "problems"), fieldNames(report));
    assertFalse(report.get("valid").asBoolean());
    assertFalse(report.get("strict").asBoolean());
    assertEquals(ERROR_BUNDLE, report.get("bundle").asText());
    assertEquals(1, report.get("errors").asInt());
    assertEquals(1, report.get("warnings").asInt());
    JsonNode problems = report.get("problems");
    assertEquals(2, problems.size());
    assertEquals(json("""
        {"severity": "warning", "code": "empty-match", "file": "global/access.yaml", "line": 15, "column": 12,
         "message": "match.products.tags is an empty list, which matches nothing: the rule never applies",
         "help": "list at least one value, or remove the key to match anything"}"""), problems.get(0));
    assertEquals(json("""
        {"severity": "error", "code": "unknown-key", "file": "global/pii.yaml", "line": 11, "column": 5,
         "message": "unknown key 'matc' in a rule", "help": "did you mean 'match'?"}"""), problems.get(1));
    assertEquals(List.of("severity", "code", "file", "line", "column", "message", "help"), fieldNames(problems.get(1)));
  }

  @Test
  void json_strict_warningOnly_isInvalid_exit1_severityStaysWarning() {
    GovernanceCliTest.Run lenient = run("validate", "--format", "json", WARNING_BUNDLE);
    assertEquals(0, lenient.exit());
    assertTrue(json(lenient.out()).get("valid").asBoolean());

    GovernanceCliTest.Run strict = run("validate", "--strict", "--format=json", WARNING_BUNDLE);
    assertEquals(1, strict.exit());
    assertEquals("", strict.err());
    JsonNode report = json(strict.out());
    assertFalse(report.get("valid").asBoolean());
    assertTrue(report.get("strict").asBoolean());
    assertEquals(0, report.get("errors").asInt());
    assertEquals(1, report.get("warnings").asInt());
    assertEquals("warning", report.at("/problems/0/severity").asText());
  }

  @Test
  void json_validBundle_hasNoProblems_exit0() {
    GovernanceCliTest.Run run = run("validate", "--format", "json", VALID_BUNDLE);
    assertEquals(0, run.exit(), run::out);
    assertEquals(json("{\"valid\": true, \"strict\": false, \"bundle\": \"" + VALID_BUNDLE + "\", \"errors\": 0, "
        + "\"warnings\": 0, \"problems\": []}"), json(run.out()));
  }

  @Test
  void json_helpIsNullWhenAbsent() {
    ProblemReport report = new ProblemReport(Path.of("b"), false,
        List.of(new Problem(Severity.ERROR, "io-error", "global/a.yaml", 1, 1, "cannot read the file: denied", null)));
    JsonNode problem = JsonProblemWriter.document(report).at("/problems/0");
    assertTrue(problem.has("help"));
    assertTrue(problem.get("help").isNull());
  }

  @Test
  void json_andSarif_areAscii_nonAsciiIsEscaped(@TempDir Path dir) throws IOException {
    copy(Path.of(WARNING_BUNDLE), dir);
    Files.writeString(dir.resolve("global/umlaut.yaml"), """
        apiVersion: meshgov/v1
        kind: PolicySet
        metadata: {id: global.umlaut, version: 1.0.0, scope: global, owner: governance-council}
        rules:
          - {id: r, kind: access, effect: deny, mätch: {}}
        """, StandardCharsets.UTF_8);
    for (String format : List.of("json", "sarif")) {
      GovernanceCliTest.Run run = run("validate", "--format", format, dir.toString());
      assertEquals(1, run.exit(), run::out);
      assertTrue(run.out().chars().allMatch(c -> c < 128), run::out);
      assertTrue(run.out().toLowerCase(java.util.Locale.ROOT).contains("m\\u00e4tch"), run::out);
      assertTrue(json(run.out()).toString().contains("unknown key 'm\u00e4tch' in a rule"), run::out);
    }
  }

  // ------------------------------------------------------------------ --format sarif

  @Test
  void sarif_errorBundle_resultsAtTheirPositions_exit1() {
    GovernanceCliTest.Run run = run("validate", "--format", "sarif", ERROR_BUNDLE);
    assertEquals(1, run.exit(), run::out);
    assertEquals("", run.err());
    JsonNode log = json(run.out());
    assertSarifShape(log);
    assertEquals("https://json.schemastore.org/sarif-2.1.0.json", log.get("$schema").asText());
    assertEquals("2.1.0", log.get("version").asText());
    assertEquals(1, log.get("runs").size());
    JsonNode sarifRun = log.at("/runs/0");
    JsonNode driver = sarifRun.at("/tool/driver");
    assertEquals("meshgov", driver.get("name").asText());
    assertEquals(run("--version").out().strip(), "meshgov " + driver.get("version").asText());
    assertEquals(projectUrl(), driver.get("informationUri").asText());
    assertEquals(List.of("empty-match", "unknown-key"), texts(driver.get("rules"), "/id"));
    assertEquals("unicodeCodePoints", sarifRun.get("columnKind").asText());

    JsonNode results = sarifRun.get("results");
    assertEquals(List.of("empty-match", "unknown-key"), texts(results, "/ruleId"));
    assertEquals(List.of("warning", "error"), texts(results, "/level"));
    assertEquals(List.of(ERROR_BUNDLE + "/global/access.yaml", ERROR_BUNDLE + "/global/pii.yaml"),
        texts(results, "/locations/0/physicalLocation/artifactLocation/uri"));
    assertEquals(json("{\"startLine\": 15, \"startColumn\": 12}"), results.at("/0/locations/0/physicalLocation/region"));
    assertEquals(json("{\"startLine\": 11, \"startColumn\": 5}"), results.at("/1/locations/0/physicalLocation/region"));
    assertEquals("unknown key 'matc' in a rule \u2014 did you mean 'match'?", results.at("/1/message/text").asText());
    for (JsonNode result : results) {
      assertEquals(result.get("ruleId"), driver.at("/rules/" + result.get("ruleIndex").asInt() + "/id"));
      assertFalse(result.has("properties"), result::toString);
      assertTrue(Files.isRegularFile(Path.of(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())));
    }
  }

  @Test
  void sarif_strict_reportsWarningsAsErrors_keepingTheSeverity() {
    GovernanceCliTest.Run lenient = run("validate", "--format", "sarif", WARNING_BUNDLE);
    assertEquals(0, lenient.exit(), lenient::out);
    assertEquals("warning", json(lenient.out()).at("/runs/0/results/0/level").asText());

    GovernanceCliTest.Run strict = run("validate", "--strict", "--format", "sarif", WARNING_BUNDLE);
    assertEquals(1, strict.exit(), strict::out);
    assertEquals("", strict.err());
    JsonNode log = json(strict.out());
    assertSarifShape(log);
    JsonNode result = log.at("/runs/0/results/0");
    assertEquals("empty-match", result.get("ruleId").asText());
    assertEquals("error", result.get("level").asText());
    assertEquals(json("{\"severity\": \"warning\"}"), result.get("properties"));
    assertEquals(WARNING_BUNDLE + "/global/access.yaml",
        result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
  }

  @Test
  void sarif_validBundle_hasNoRulesAndNoResults_exit0() {
    GovernanceCliTest.Run run = run("validate", "--format", "sarif", VALID_BUNDLE);
    assertEquals(0, run.exit(), run::out);
    JsonNode log = json(run.out());
    assertSarifShape(log);
    assertEquals(json("[]"), log.at("/runs/0/results"));
    assertEquals(json("[]"), log.at("/runs/0/tool/driver/rules"));
  }

  @Test
  void sarif_absoluteBundle_givesFileUris() {
    Path bundle = Path.of(ERROR_BUNDLE).toAbsolutePath();
    GovernanceCliTest.Run run = run("validate", "--format", "sarif", bundle.toString());
    JsonNode log = json(run.out());
    assertSarifShape(log);
    String uri = log.at("/runs/0/results/1/locations/0/physicalLocation/artifactLocation/uri").asText();
    assertTrue(uri.startsWith("file:/"), uri);
    assertEquals(bundle.resolve("global/pii.yaml"), Path.of(URI.create(uri)));
  }

  @Test
  void sarif_missingBundle_namesTheDirectory_withoutARegion() {
    GovernanceCliTest.Run run = run("validate", "--format", "sarif", "no-such-dir");
    assertEquals(1, run.exit());
    assertEquals("", run.err());
    JsonNode log = json(run.out());
    assertSarifShape(log);
    JsonNode location = log.at("/runs/0/results/0/locations/0/physicalLocation");
    assertEquals("bundle-not-found", log.at("/runs/0/results/0/ruleId").asText());
    assertEquals(json("{\"artifactLocation\": {\"uri\": \"no-such-dir\"}}"), location);
  }

  @Test
  void sarif_uris_areRelativeReferencesWithForwardSlashes() {
    assertEquals("policies/global/pii.yaml", uri("policies", "global/pii.yaml"));
    assertEquals("policies/global/pii.yaml", uri("./policies", "global/pii.yaml"));
    assertEquals("global/pii.yaml", uri(".", "global/pii.yaml"));
    assertEquals("policies", uri("policies", "."));
    assertEquals(".", uri(".", "."));
    assertEquals("../policies/global/pii.yaml", uri("../policies", "global/pii.yaml"));
    assertEquals("my%20policies/global/p%C3%AFi.yaml", uri("my policies", "global/pïi.yaml"));
    assertEquals("./c:x/global/pii.yaml", uri("c:x", "global/pii.yaml"));
    for (String uri : List.of(uri("my policies", "global/pïi.yaml"), uri("c:x", "a.yaml"))) {
      assertFalse(URI.create(uri).isAbsolute(), uri);
    }
  }

  private static String uri(String bundle, String file) {
    return SarifProblemWriter.uri(Path.of(bundle),
        new Problem(Severity.ERROR, "unknown-key", file, 1, 1, "m", null));
  }

  // ------------------------------------------------------------------ usage errors

  @Test
  void unknownFormat_isAUsageError_namingTheAllowedValues_exit2() {
    GovernanceCliTest.Run run = run("validate", "--format", "xml", ERROR_BUNDLE);
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("Invalid value for option '--format': expected one of [text, json, sarif] (case-sensitive) but was 'xml'",
        run.err().lines().findFirst().orElse(""));
  }

  @Test
  void badOpaUrl_withJsonOrSarif_printsNoDocument_exit2() {
    for (String format : List.of("json", "sarif")) {
      GovernanceCliTest.Run run = run("validate", "--format", format, "--opa-url", "ftp://x", ERROR_BUNDLE);
      assertEquals(2, run.exit(), format);
      assertEquals("", run.out(), format);
      assertEquals("error: --opa-url: 'ftp://x' is not an http or https URL, e.g. http://127.0.0.1:8181",
          run.err().strip(), format);
    }
  }

  // ------------------------------------------------------------------ SARIF shape

  /**
   * What the official SARIF 2.1.0 schema (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json)
   * allows and requires of the objects this writer emits, by hand: the schema host could not be
   * reached when this test was written, so it is not validated against the schema file. Every
   * object is {@code additionalProperties: false} in the schema, except property bags.
   */
  private record Shape(Set<String> allowed, Set<String> required) {}

  private static final Map<String, Shape> SHAPES = Map.ofEntries(
      Map.entry("log", new Shape(Set.of("$schema", "version", "runs", "inlineExternalProperties", "properties"),
          Set.of("version", "runs"))),
      Map.entry("run", new Shape(Set.of("tool", "invocations", "conversion", "language", "versionControlProvenance",
          "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results", "automationDetails",
          "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage",
          "newlineSequences", "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies",
          "addresses", "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties"),
          Set.of("tool"))),
      Map.entry("tool", new Shape(Set.of("driver", "extensions", "properties"), Set.of("driver"))),
      Map.entry("toolComponent", new Shape(Set.of("guid", "name", "organization", "product", "productSuite",
          "shortDescription", "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
          "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications", "rules", "taxa",
          "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
          "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata",
          "supportedTaxonomies", "properties"), Set.of("name"))),
      Map.entry("reportingDescriptor", new Shape(Set.of("id", "deprecatedIds", "guid", "deprecatedGuids", "name",
          "deprecatedNames", "shortDescription", "fullDescription", "messageStrings", "defaultConfiguration", "helpUri",
          "help", "relationships", "properties"), Set.of("id"))),
      Map.entry("multiformatMessageString", new Shape(Set.of("text", "markdown", "properties"), Set.of("text"))),
      Map.entry("result", new Shape(Set.of("ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget",
          "locations", "guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks",
          "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
          "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse",
          "properties"), Set.of("message"))),
      Map.entry("message", new Shape(Set.of("text", "markdown", "id", "arguments", "properties"), Set.of())),
      Map.entry("location", new Shape(Set.of("id", "physicalLocation", "logicalLocations", "message", "annotations",
          "relationships", "properties"), Set.of())),
      Map.entry("physicalLocation", new Shape(Set.of("address", "artifactLocation", "region", "contextRegion",
          "properties"), Set.of("artifactLocation"))),
      Map.entry("artifactLocation", new Shape(Set.of("uri", "uriBaseId", "index", "description", "properties"),
          Set.of())),
      Map.entry("region", new Shape(Set.of("startLine", "startColumn", "endLine", "endColumn", "charOffset",
          "charLength", "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"),
          Set.of("startLine"))));

  private static void assertSarifShape(JsonNode log) {
    object("log", log);
    assertEquals("2.1.0", log.get("version").asText());
    assertAbsoluteUri(log.get("$schema").asText());
    for (JsonNode run : array(log, "runs")) {
      object("run", run);
      object("tool", run.get("tool"));
      JsonNode driver = object("toolComponent", run.at("/tool/driver"));
      assertFalse(driver.get("name").asText().isEmpty());
      assertAbsoluteUri(driver.get("informationUri").asText());
      if (run.has("columnKind")) {
        assertTrue(Set.of("utf16CodeUnits", "unicodeCodePoints").contains(run.get("columnKind").asText()));
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode rule : array(driver, "rules")) {
        object("reportingDescriptor", rule);
        ids.add(rule.get("id").asText());
        for (String text : List.of("shortDescription", "fullDescription", "help")) {
          if (rule.has(text)) {
            object("multiformatMessageString", rule.get(text));
          }
        }
      }
      assertEquals(ids.stream().distinct().toList(), ids, "rules are unique");
      for (JsonNode result : array(run, "results")) {
        object("result", result);
        assertTrue(Set.of("none", "note", "warning", "error").contains(result.get("level").asText()), result::toString);
        assertTrue(ids.contains(result.get("ruleId").asText()), result::toString);
        assertTrue(result.get("ruleIndex").canConvertToInt());
        assertTrue(object("message", result.get("message")).has("text"));
        if (result.has("properties")) {
          assertTrue(result.get("properties").isObject());
        }
        List<JsonNode> locations = array(result, "locations");
        assertEquals(1, locations.size());
        JsonNode physical = object("physicalLocation", object("location", locations.get(0)).get("physicalLocation"));
        String uri = object("artifactLocation", physical.get("artifactLocation")).get("uri").asText();
        try {
          new URI(uri); // format: uri-reference
        } catch (URISyntaxException e) {
          fail("not a URI reference: " + uri);
        }
        if (physical.has("region")) {
          JsonNode region = object("region", physical.get("region"));
          for (Iterator<String> names = region.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(region.get(name).isInt() && region.get(name).asInt() >= 1, () -> name + " in " + region);
          }
        }
      }
    }
  }

  private static JsonNode object(String kind, JsonNode node) {
    assertNotNull(node, kind);
    assertTrue(node.isObject(), () -> kind + " is not an object: " + node);
    Shape shape = SHAPES.get(kind);
    for (String name : fieldNames(node)) {
      assertTrue(shape.allowed().contains(name), () -> "the SARIF schema allows no '" + name + "' in a " + kind);
    }
    for (String name : shape.required()) {
      assertTrue(node.has(name), () -> "the SARIF schema requires '" + name + "' in a " + kind + ": " + node);
    }
    return node;
  }

  private static List<JsonNode> array(JsonNode parent, String name) {
    JsonNode array = parent.get(name);
    assertNotNull(array, name);
    assertTrue(array.isArray(), name);
    List<JsonNode> elements = new ArrayList<>();
    array.forEach(elements::add);
    return elements;
  }

  private static void assertAbsoluteUri(String text) {
    assertTrue(URI.create(text).isAbsolute(), text);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The parent pom's {@code <url>}, which the SARIF driver names as its informationUri. */
  private static String projectUrl() {
    try {
      Matcher url = Pattern.compile("<url>([^<]+)</url>").matcher(Files.readString(Path.of("../pom.xml")));
      assertTrue(url.find());
      return url.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
