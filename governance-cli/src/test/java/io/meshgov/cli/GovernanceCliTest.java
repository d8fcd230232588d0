package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.Effect;
import io.meshgov.engine.json.AuditRecordJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code governance} command line (docs/cli.md), run in-process: {@code execute(...)} with
 * {@code setOut}/{@code setErr} on string writers, asserting exit codes and output. Bundles and
 * requests are under {@code src/test/resources}.
 */
class GovernanceCliTest {
  private static final JsonMapper JSON = new JsonMapper();
  /** {@code file:line:col: message}, the shape of every problem line. */
  private static final Pattern PROBLEM_LINE = Pattern.compile("^[^\\s:][^:]*:\\d+:\\d+: .+");

  /** One run of the command line: exit code, standard output, standard error. */
  record Run(int exit, String out, String err) {}

  /** Runs the command line in-process, as {@code governance args…} would. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GovernanceCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String resource(String name) {
    try {
      return Path.of(GovernanceCliTest.class.getResource("/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bundle() {
    return resource("cli-bundle");
  }

  private static String request(String name) {
    return resource("requests/" + name);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertNoStackTrace(String text) {
    assertFalse(text.contains("\tat "), text);
    assertFalse(text.contains("Exception"), text);
  }

  private static List<String> lines(String text) {
    return text.lines().filter(line -> !line.isBlank()).toList();
  }

  // ------------------------------------------------------------------ decide

  @Test
  void decide_single_printsDecisionJson_exit0() {
    Run run = run("decide", "--policies", bundle(), "--request", request("single.json"));
    assertEquals(0, run.exit(), run::err);
    assertEquals("", run.err());
    JsonNode decision = json(run.out());
    assertEquals("permit", decision.get("effect").asText());
    assertEquals("shop.orders", decision.at("/product/id").asText());
    assertEquals("1.2.0", decision.at("/product/version").asText());
    JsonNode columns = decision.get("columns");
    assertEquals(3, columns.size());
    assertEquals(json("{\"name\": \"order_id\", \"effect\": \"allow\"}"), columns.get(0));
    assertEquals(json("{\"name\": \"email\", \"effect\": \"mask\", \"method\": \"email\", "
        + "\"rule\": \"global.pii/mask-email\", \"version\": \"1.1.0\"}"), columns.get(1));
    assertEquals(json("{\"name\": \"card\", \"effect\": \"mask\", \"method\": \"partial\", "
        + "\"params\": {\"showFirst\": 0, \"showLast\": 4, \"maskChar\": \"*\"}, "
        + "\"rule\": \"global.pii/mask-card\", \"version\": \"1.1.0\"}"), columns.get(2));
    assertEquals(json("[{\"rule\": \"shop.filters/own-region\", \"version\": \"1.0.0\", \"expression\": \"region == 'EU'\"},"
        + "{\"rule\": \"retention\", \"expression\": \"ordered_on >= timestamp('2021-11-24T10:00:00Z')\"}]"),
        decision.get("rowFilters"));
    assertEquals(json("{\"basis\": \"ordered_on\", \"minimum\": null, \"maximum\": \"P5Y\", \"action\": \"delete\", "
        + "\"cutoff\": \"2021-11-24T10:00:00Z\", \"conflict\": false, \"legalHold\": false}"), decision.get("retention"));
    assertEquals("global.access/permit-employees", decision.at("/reasons/0/rule").asText());
    assertEquals("cli-bundle", decision.at("/bundle/name").asText());
    assertEquals("3", decision.at("/bundle/revision").asText());
    assertTrue(decision.at("/bundle/digest").asText().matches("sha256:[0-9a-f]{64}"));
    assertEquals("2026-11-24T10:00:00Z", decision.get("evaluatedAt").asText());
  }

  @Test
  void decide_deny_isStillExit0() {
    Run run = run("decide", "--policies", bundle(), "--request", request("deny.json"));
    assertEquals(0, run.exit(), run::err);
    JsonNode decision = json(run.out());
    assertEquals("deny", decision.get("effect").asText());
    assertEquals(json("[]"), decision.get("columns"));
    assertEquals(json("[]"), decision.get("rowFilters"));
    assertTrue(decision.get("retention").isNull());
    assertEquals("global.access/deny-contractors", decision.at("/reasons/0/rule").asText());
    assertEquals("deny", decision.at("/reasons/0/effect").asText());
  }

  @Test
  void decide_batchWithABadItem_errorInItsPlace_exit2() {
    Run run = run("decide", "--policies", bundle(), "--request", request("batch.json"));
    assertEquals(2, run.exit());
    JsonNode batch = json(run.out());
    assertTrue(batch.isArray());
    assertEquals(3, batch.size());
    assertEquals("permit", batch.get(0).get("effect").asText());
    JsonNode error = batch.get(1);
    assertEquals(1, error.get("index").asInt());
    assertEquals(List.of("error", "index"), sortedFieldNames(error));
    assertTrue(error.get("error").asText().contains("unknown product 'shop.ordres'"), error::toString);
    assertTrue(error.get("error").asText().contains("batch.json:5:15"), error::toString);
    assertEquals("deny", batch.get(2).get("effect").asText());
    assertTrue(run.err().contains("batch.json:5:15: unknown product 'shop.ordres'"), run::err);
    assertNoStackTrace(run.err());
  }

  @Test
  void decide_batchOfGoodItems_exit0() {
    Run run = run("decide", "--policies", bundle(), "--request", request("batch-good.json"));
    assertEquals(0, run.exit(), run::err);
    JsonNode batch = json(run.out());
    assertEquals(2, batch.size());
    assertEquals("permit", batch.get(0).get("effect").asText());
    assertEquals("deny", batch.get(1).get("effect").asText());
  }

  @Test
  void decide_fromStdin() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(
          Files.readAllBytes(Path.of(request("single.json")))));
      Run run = run("decide", "--policies", bundle(), "--request", "-");
      assertEquals(0, run.exit(), run::err);
      assertEquals("permit", json(run.out()).get("effect").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void decide_unknownRequestKey_exit2_problemLineWithPosition() {
    Run run = run("decide", "--policies", bundle(), "--request", request("unknown-key.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals(List.of(request("unknown-key.json") + ":3:2: unknown key 'colums' in a request [unknown-key] "
        + "help: did you mean 'columns'?"), lines(run.err()));
  }

  @Test
  void decide_unknownColumn_isARequestError_exit2() {
    Run run = run("decide", "--policies", bundle(), "--request", request("unknown-column.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals(List.of(request("unknown-column.json") + ":3:26: product 'shop.orders' has no column 'emial' "
        + "[unknown-column] help: did you mean 'email'?"), lines(run.err()));
  }

  @Test
  void decide_unknownProduct_isARequestError_exit2() {
    Run run = run("decide", "--policies", bundle(), "--request", request("unknown-product.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    List<String> lines = lines(run.err());
    assertEquals(1, lines.size(), run::err);
    assertTrue(lines.get(0).startsWith(request("unknown-product.json") + ":2:13: unknown product 'shop.ordrs' "
        + "[unknown-product]"), lines.get(0));
  }

  @Test
  void decide_unknownProduct_suggestsTheNearestId() {
    Run run = run("decide", "--policies", bundle(), "--request", request("unknown-product.json"));
    assertEquals(List.of(request("unknown-product.json") + ":2:13: unknown product 'shop.ordrs' [unknown-product] "
        + "help: did you mean 'shop.orders'?"), lines(run.err()));
  }

  @Test
  void decide_numberForAString_isWrongType_exit2_atTheValue() {
    Run run = run("decide", "--policies", bundle(), "--request", request("purpose-number.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals(List.of(request("purpose-number.json") + ":3:13: 'purpose' of a request must be a string, "
        + "not a number (42) [wrong-type] help: write it as a string: \"42\""), lines(run.err()));
  }

  @Test
  void decide_batchWithAWrongTypeItem_errorInItsPlace_exit2() {
    Run run = run("decide", "--policies", bundle(), "--request", request("batch-wrong-type.json"));
    assertEquals(2, run.exit());
    String problem = request("batch-wrong-type.json") + ":4:79: attribute 'region' of 'subject' must be a string, "
        + "not a number (3)";
    assertEquals(List.of(problem + " [wrong-type] help: write it as a string: \"3\""), lines(run.err()));
    JsonNode batch = json(run.out());
    assertEquals(2, batch.size());
    assertEquals("permit", batch.get(0).get("effect").asText());
    assertEquals(json("{\"index\": 1, \"error\": " + JSON.valueToTree(problem) + "}"), batch.get(1));
  }

  @Test
  void decide_brokenBundle_exit2_everyProblemAsFileLineCol_noStackTrace() {
    Run run = run("decide", "--policies", resource("broken-bundle"), "--request", request("single.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertNoStackTrace(run.err());
    List<String> lines = lines(run.err());
    for (String line : lines) {
      assertTrue(PROBLEM_LINE.matcher(line).matches(), () -> "not a file:line:col: message line: " + line);
    }
    assertBrokenBundleProblems(lines);
  }

  /** The problems of {@code broken-bundle}: all reported at once, in file order. */
  private static void assertBrokenBundleProblems(List<String> lines) {
    assertEquals(4, lines.size(), () -> String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("global/access.yaml:9:5: an access rule needs 'effect: permit' or 'effect: deny'"),
        lines.get(0));
    assertEquals("global/access.yaml:12:5: unknown key 'efect' in a rule [unknown-key] help: did you mean 'effect'?",
        lines.get(1));
    assertTrue(lines.get(2).startsWith("global/access.yaml:15:26: CEL type error: ") && lines.get(2).contains("[cel-type]"),
        lines.get(2));
    assertEquals("products/shop/orders.yaml:11:26: unknown column type 'decmial' [unknown-column-type] "
        + "help: did you mean 'decimal'?", lines.get(3));
  }

  @Test
  void decide_missingRequestFile_exit2() {
    Run run = run("decide", "--policies", bundle(), "--request", request("single.json") + ".missing");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("cannot read the request"), run::err);
    assertNoStackTrace(run.err());
  }

  @Test
  void decide_withAudit_appendsOneJsonLinePerDecision(@TempDir Path dir) throws IOException {
    Path audit = dir.resolve("audit.jsonl");
    Run first = run("decide", "--policies", bundle(), "--request", request("single.json"), "--audit", audit.toString());
    assertEquals(0, first.exit(), first::err);
    List<String> afterFirst = Files.readAllLines(audit, StandardCharsets.UTF_8);
    assertEquals(1, afterFirst.size());

    Run batch = run("decide", "--policies", bundle(), "--request", request("batch.json"), "--audit", audit.toString());
    assertEquals(2, batch.exit());
    List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
    // the batch's two decisions are appended, its bad item is not audited; earlier lines untouched
    assertEquals(3, lines.size());
    assertEquals(afterFirst, lines.subList(0, 1));

    String firstDecisionId = json(first.out()).get("decisionId").asText();
    List<AuditRecord> records = new ArrayList<>();
    for (String line : lines) {
      records.add(AuditRecordJson.fromJsonLine(line));
      assertFalse(line.contains("EU"), () -> "an attribute value in the audit line: " + line);
      assertEquals(List.of("decisionId", "time", "subject", "product", "productVersion", "action", "purpose", "effect",
          "columns", "rules", "bundleDigest", "latencyMicros"), fieldNames(json(line)));
    }
    AuditRecord record = records.get(0);
    assertEquals(firstDecisionId, record.decisionId());
    assertEquals("ann", record.subject());
    assertEquals("shop.orders", record.product());
    assertEquals("1.2.0", record.productVersion());
    assertEquals("read", record.action());
    assertEquals("support", record.purpose());
    assertEquals(Effect.PERMIT, record.effect());
    assertEquals(List.of("order_id", "email", "card"), List.copyOf(record.columns().keySet()));
    assertEquals(List.of("allow", "mask:email", "mask:partial"), List.copyOf(record.columns().values()));
    assertTrue(record.rules().contains("global.access/permit-employees@1.0.0"), record.rules()::toString);
    assertTrue(record.rules().contains("shop.filters/own-region@1.0.0"), record.rules()::toString);
    assertEquals(json(first.out()).at("/bundle/digest").asText(), record.bundleDigest());
    assertEquals(Effect.DENY, records.get(2).effect());
  }

  // ------------------------------------------------------------------ explain

  @Test
  void explain_mentionsEveryRuleConsideredAndWhy() {
    Run run = run("explain", "--policies", bundle(), "--request", request("single.json"));
    assertEquals(0, run.exit(), run::err);
    String out = run.out();
    for (String rule : List.of("global.access/permit-employees@1.0.0", "global.access/deny-contractors@1.0.0",
        "global.pii/mask-email@1.1.0", "global.pii/mask-card@1.1.0", "shop.filters/own-region@1.0.0",
        "global.retention/orders-five-years@1.0.0")) {
      assertTrue(out.contains(rule), () -> rule + " not mentioned in:\n" + out);
    }
    assertTrue(out.contains("global.access/deny-contractors@1.0.0 (access): 'when' is false"), out);
    assertTrue(out.contains("PERMIT shop.orders@1.2.0"), out);
    assertTrue(out.contains("region == 'EU'"), out);
  }

  @Test
  void explain_deny_showsTheDenyingRule() {
    Run run = run("explain", "--policies", bundle(), "--request", request("deny.json"));
    assertEquals(0, run.exit(), run::err);
    assertTrue(run.out().contains("[applies]       global.access/deny-contractors@1.0.0"), run::out);
    assertTrue(run.out().contains("DENY shop.orders@1.2.0"), run::out);
  }

  @Test
  void explain_listsRulesLeftOutBeforeEvaluation_unrequestedColumnsAndOtherActions() {
    Run run = run("explain", "--policies", bundle(), "--request", request("columns-subset.json"));
    assertEquals(0, run.exit(), run::err);
    List<String> out = lines(run.out());
    int start = out.indexOf("rules considered:");
    assertEquals(List.of(
        "  [skipped]       global.access/deny-contractors@1.0.0 (access): 'when' is false",
        "  [applies]       global.access/permit-employees@1.0.0 (access): matched, 'when' is true",
        "  [not requested] global.pii/mask-email@1.1.0 (mask, column email): matches column email, not requested",
        "  [excluded]      shop.filters/deny-card-export@1.0.0 (access, column card): match.actions is [export], "
            + "the request is read",
        "  [not requested] global.pii/mask-card@1.1.0 (mask, column card): matches column card, not requested",
        "  [applies]       shop.filters/own-region@1.0.0 (row-filter): matched",
        "  [applies]       global.retention/orders-five-years@1.0.0 (retention): matched"),
        out.subList(start + 1, out.indexOf("reasons:")));
  }

  @Test
  void explain_batch_isRefusedWithItsCode_exit2() {
    Run run = run("explain", "--policies", bundle(), "--request", request("batch-good.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals(List.of(request("batch-good.json") + ":1:1: explain takes one request, not a batch of 2 "
        + "[batch-not-allowed] help: pass a single request object; decide takes batches"), lines(run.err()));
  }

  // ------------------------------------------------------------------ validate

  @Test
  void validate_validBundle_exit0() {
    Run run = run("validate", bundle());
    assertEquals(0, run.exit(), run::out);
    assertEquals(List.of("valid: " + bundle() + " (0 warning(s))"), lines(run.out()));
  }

  @Test
  void validate_brokenBundle_exit1_oneLinePerProblem() {
    Run run = run("validate", resource("broken-bundle"));
    assertEquals(1, run.exit());
    assertEquals(List.of("invalid: 4 error(s), 0 warning(s)"), lines(run.out()));
    assertBrokenBundleProblems(lines(run.err()));
    assertNoStackTrace(run.out() + run.err());
  }

  @Test
  void validate_withPolicies_exit0() {
    Run run = run("validate", "--policies", bundle());
    assertEquals(0, run.exit(), run::err);
    assertEquals(List.of("valid: " + bundle() + " (0 warning(s))"), lines(run.out()));
    assertEquals("", run.err());
  }

  @Test
  void validate_brokenBundleWithPolicies_exit1_oneLinePerProblem() {
    Run run = run("validate", "--policies", resource("broken-bundle"));
    assertEquals(1, run.exit());
    assertEquals(List.of("invalid: 4 error(s), 0 warning(s)"), lines(run.out()));
    assertBrokenBundleProblems(lines(run.err()));
  }

  @Test
  void validate_bareDirAndPolicies_isAUsageError_exit2() {
    Run run = run("validate", bundle(), "--policies", bundle());
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("Error: --policies=DIR, DIR are mutually exclusive (specify only one)", run.err().lines().findFirst().orElse(""));
  }

  @Test
  void validate_noBundle_isAUsageError_exit2() {
    Run run = run("validate");
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("Error: Missing required argument (specify one of these): (--policies=DIR | DIR)",
        run.err().lines().findFirst().orElse(""));
  }

  // ------------------------------------------------------------------ test

  @Test
  void test_passingCases_exit0() {
    Run run = run("test", bundle());
    assertEquals(0, run.exit(), run::out);
    assertEquals(List.of("2 passed, 0 failed"), lines(run.out()));
  }

  @Test
  void test_failingCase_printsIt_exit1(@TempDir Path dir) throws IOException {
    copy(Path.of(bundle()), dir);
    Files.writeString(dir.resolve("tests/shop/failing.yaml"), """
        apiVersion: meshgov/v1
        kind: PolicyTest
        metadata: {name: wrong-on-purpose}
        cases:
          - name: employees are denied (they are not)
            request:
              subject: {id: ann, groups: [employees], attributes: {region: EU}}
              product: shop.orders
              columns: [email]
              at: "2026-11-24T10:00:00Z"
            expect:
              effect: deny
          - name: e-mails are clear (they are masked)
            request:
              subject: {id: ann, groups: [employees], attributes: {region: EU}}
              product: shop.orders
              columns: [email]
              at: "2026-11-24T10:00:00Z"
            expect:
              effect: permit
              columns: {email: allow}
        """, StandardCharsets.UTF_8);
    Run run = run("test", dir.toString());
    assertEquals(1, run.exit(), run::out);
    List<String> lines = lines(run.out());
    assertEquals("2 passed, 2 failed", lines.get(lines.size() - 1));
    assertTrue(run.out().contains("wrong-on-purpose / employees are denied (they are not)"), run::out);
    assertTrue(run.out().contains("wrong-on-purpose / e-mails are clear (they are masked)"), run::out);
    assertTrue(run.out().contains("tests/shop/failing.yaml"), run::out);
    assertFalse(run.out().contains("shop-orders /"), "passing cases are not listed without --verbose");
  }

  @Test
  void test_invalidBundle_exit2() {
    Run run = run("test", resource("broken-bundle"));
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("products/shop/orders.yaml:11:26: unknown column type 'decmial'"), run::err);
    assertNoStackTrace(run.err());
  }

  @Test
  void test_withPolicies_exit0() {
    Run run = run("test", "--policies", bundle());
    assertEquals(0, run.exit(), run::out);
    assertEquals(List.of("2 passed, 0 failed"), lines(run.out()));
  }

  @Test
  void test_invalidBundleWithPolicies_exit2() {
    Run run = run("test", "--policies", resource("broken-bundle"));
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("products/shop/orders.yaml:11:26: unknown column type 'decmial'"), run::err);
    assertNoStackTrace(run.err());
  }

  @Test
  void test_bareDirAndPolicies_isAUsageError_exit2() {
    Run run = run("test", "--policies", bundle(), bundle());
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("Error: --policies=DIR, DIR are mutually exclusive (specify only one)", run.err().lines().findFirst().orElse(""));
  }

  @Test
  void test_noBundle_isAUsageError_exit2() {
    Run run = run("test", "--verbose");
    assertEquals(2, run.exit());
    assertEquals("Error: Missing required argument (specify one of these): (--policies=DIR | DIR)",
        run.err().lines().findFirst().orElse(""));
  }

  @Test
  void shippedBundle_withPolicies_validatesAndPassesItsTests() {
    String policies = System.getProperty("meshgov.policies");
    Run validate = run("validate", "--policies", policies);
    assertEquals(0, validate.exit(), validate::out);
    Run test = run("test", "--policies", policies);
    assertEquals(0, test.exit(), test::out);
    List<String> lines = lines(test.out());
    assertTrue(lines.get(lines.size() - 1).matches("\\d+ passed, 0 failed"), test::out);
  }

  @Test
  void shippedBundle_validatesAndPassesItsTests() {
    String policies = System.getProperty("meshgov.policies");
    Run validate = run("validate", policies);
    assertEquals(0, validate.exit(), validate::out);
    Run test = run("test", policies);
    assertEquals(0, test.exit(), test::out);
    List<String> lines = lines(test.out());
    String summary = lines.get(lines.size() - 1);
    assertTrue(summary.matches("\\d+ passed, 0 failed"), summary);
    assertTrue(Integer.parseInt(summary.substring(0, summary.indexOf(' '))) >= 30, summary);
  }

  // ------------------------------------------------------------------ usage

  @Test
  void version_comesFromTheManifest_orSaysDev() {
    // tests run from target/classes, without governance.jar's manifest
    Run run = run("--version");
    assertEquals(0, run.exit(), run::err);
    assertEquals("meshgov dev", run.out().strip());
  }

  @Test
  void decide_withoutPolicies_isAUsageError_exit2() {
    Run run = run("decide", "--request", request("single.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("Missing required option: '--policies=DIR'", run.err().lines().findFirst().orElse(""));
  }

  @Test
  void decide_bareDir_isAUsageError_exit2() {
    Run run = run("decide", "--policies", bundle(), bundle(), "--request", request("single.json"));
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("Unmatched argument at index 3: '" + bundle() + "'", run.err().lines().findFirst().orElse(""));
  }

  @Test
  void unknownSubcommand_isAUsageError() {
    Run run = run("decdie");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("decdie"), run::err);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> sortedFieldNames(JsonNode node) {
    return fieldNames(node).stream().sorted().toList();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
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
