package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code governance sql} on the shipped bundle: SQL and parameters, or exit 3 with the reasons. */
class SqlCommandTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String POLICIES = System.getProperty("meshgov.policies", "../policies");
  private static final String ALICE = POLICIES + "/../samples/requests/alice-invoices.json";

  @Test
  void aPermittedRequestPrintsSqlWithItsParametersInOrder() throws Exception {
    GovernanceCliTest.Run run = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request", ALICE,
        "--dialect", "postgresql");
    assertEquals(0, run.exit(), run.err());
    JsonNode output = JSON.readTree(run.out());
    String sql = output.get("sql").asText();
    assertTrue(sql.startsWith("SELECT \"invoice_id\", CASE WHEN \"customer_name\" IS NULL"), sql);
    assertTrue(sql.contains(" FROM \"finance\".\"invoice_payments\" WHERE (\"region\" = CAST(? AS text))"), sql);
    assertEquals(sql.chars().filter(c -> c == '?').count(), output.get("parameters").size());
    assertEquals("string", output.get("parameters").get(2).get("type").asText());
    assertEquals("EU", output.get("parameters").get(2).get("value").asText());
    assertEquals("timestamp", output.get("parameters").get(3).get("type").asText());
    assertEquals("2018-11-24T10:00:00Z", output.get("parameters").get(3).get("value").asText());
    assertTrue(output.get("decisionId").asText().length() > 10);
  }

  @Test
  void tableOverridesTheBindingAndInlineLeavesNoParameters() throws Exception {
    GovernanceCliTest.Run run = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request", ALICE,
        "--dialect", "trino", "--table", "hive.sales.order", "--inline");
    assertEquals(0, run.exit(), run.err());
    JsonNode output = JSON.readTree(run.out());
    assertTrue(output.get("sql").asText().contains(" FROM \"hive\".\"sales\".\"order\" WHERE (\"region\" = 'EU')"),
        output.get("sql").asText());
    assertEquals(0, output.get("parameters").size());
  }

  @Test
  void aDeniedRequestExitsThreeWithTheReasonsOnStandardError() {
    GovernanceCliTest.Run run = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request",
        POLICIES + "/../samples/requests/contractor-export-denied.json", "--dialect", "spark");
    assertEquals(3, run.exit());
    assertEquals("", run.out());
    assertTrue(run.err().contains("denied: decision "), run.err());
    assertTrue(run.err().contains("global.access/deny-contractors-confidential@1.0.0"), run.err());
  }

  @Test
  void anUnknownDialectIsABadRequest() {
    GovernanceCliTest.Run run = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request", ALICE,
        "--dialect", "mysql");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("unknown dialect 'mysql'; use one of postgresql, trino, spark"), run.err());
  }

  @Test
  void aBadRequestExitsTwoAtItsPosition(@TempDir Path dir) throws Exception {
    Path request = dir.resolve("typo.json");
    Files.writeString(request, "{\"subject\": {\"id\": \"a\"}, \"product\": \"finance.invoice_payments\", \"purpose\": \"reportin\"}");
    GovernanceCliTest.Run run = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request", request.toString(),
        "--dialect", "postgresql");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("typo.json:1:"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void anUnboundInlineProductNeedsATable() {
    GovernanceCliTest.Run run = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request",
        POLICIES + "/../samples/requests/inline-product.json", "--dialect", "postgresql");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("has no 'postgresql' binding; pass --table"), run.err());
    GovernanceCliTest.Run withTable = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request",
        POLICIES + "/../samples/requests/inline-product.json", "--dialect", "postgresql", "--table", "returns");
    assertEquals(0, withTable.exit(), withTable.err());
  }

  @Test
  void aMalformedTableIsABadRequest() {
    GovernanceCliTest.Run run = GovernanceCliTest.run("sql", "--policies", POLICIES, "--request", ALICE,
        "--dialect", "postgresql", "--table", "a..b");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("table 'a..b'"), run.err());
  }
}
