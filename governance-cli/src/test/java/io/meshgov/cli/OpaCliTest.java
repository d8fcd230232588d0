package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OPA options of the command line (docs/opa.md) on the shipped bundle, whose OPA-backed set
 * finance.fraud-screening screens finance.card_authorizations, against a real HTTP server on
 * loopback answering as OPA does.
 */
class OpaCliTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String POLICIES = System.getProperty("meshgov.policies");
  private static final String REQUEST = Path.of(POLICIES).resolve("../samples/requests/erin-card-authorizations.json")
      .normalize().toString();

  @StartStop final MockWebServer opa = new MockWebServer();
  @TempDir Path temp;

  private static GovernanceCliTest.Run run(String... args) {
    return GovernanceCliTest.run(args);
  }

  private String url() {
    return opa.url("/").toString();
  }

  private void answer(String body) {
    opa.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build());
  }

  @Test
  void decide_withOpaUrl_combinesTheAnswerAndAuditsItsDecisionId() throws Exception {
    answer("{\"decision_id\":\"opa-7\",\"result\":{\"access\":\"permit\",\"reasons\":[{\"rule\":\"permit-fraud-analysts\","
        + "\"message\":\"investigating\"}],\"columns\":{\"fraud_score\":{\"effect\":\"deny\",\"rule\":\"score\"}}}}");
    Path audit = temp.resolve("audit.jsonl");
    GovernanceCliTest.Run run = run("decide", "--policies", POLICIES, "--request", REQUEST, "--opa-url", url(), "--audit", audit.toString());

    assertEquals(0, run.exit(), run.err());
    JsonNode decision = JSON.readTree(run.out());
    assertEquals("permit", decision.get("effect").asText());
    assertEquals("finance.fraud-screening/permit-fraud-analysts", decision.get("reasons").get(0).get("rule").asText());
    assertEquals(JSON.readTree("[{\"policySet\":\"finance.fraud-screening\",\"version\":\"1.0.0\",\"decisionId\":\"opa-7\","
        + "\"cached\":false,\"stale\":false}]"), decision.get("opa"));
    JsonNode record = JSON.readTree(Files.readAllLines(audit).get(0));
    assertEquals(decision.get("opa"), record.get("opa"));
    assertEquals("deny", record.get("columns").get("fraud_score").asText());

    RecordedRequest sent = opa.takeRequest();
    assertEquals("/v1/data/meshgov/finance/fraud_screening", sent.getUrl().encodedPath());
    GovernanceCliTest.Run input = run("opa-input", "--policies", POLICIES, "--request", REQUEST);
    assertEquals(0, input.exit(), input.err());
    // opa-input prints exactly what decide sent, under "input"
    assertEquals("{\"input\":" + input.out().strip() + "}", sent.getBody().utf8());
  }

  @Test
  void decide_deadOpa_deniesNamingOpaTheSetAndTheCause() throws Exception {
    String dead = url();
    opa.close();
    GovernanceCliTest.Run run = run("decide", "--policies", POLICIES, "--request", REQUEST, "--opa-url", dead);

    assertEquals(0, run.exit(), run.err());
    JsonNode decision = JSON.readTree(run.out());
    assertEquals("deny", decision.get("effect").asText());
    JsonNode reason = decision.get("reasons").get(0);
    assertEquals("finance.fraud-screening/opa", reason.get("rule").asText());
    String message = reason.get("message").asText();
    assertTrue(message.startsWith("OPA-backed policy set finance.fraud-screening@1.0.0 (data path "
        + "meshgov/finance/fraud_screening) gave no usable answer, so the request is denied (fail closed): cannot reach OPA at "),
        message);
    // the opa entry, which audit records copy, names the kind of failure only, never OPA's text
    assertEquals("unreachable", decision.get("opa").get(0).get("error").asText(), run.out());
  }

  @Test
  void decide_hangingOpa_deniesWithinTheTimeout() throws Exception {
    opa.enqueue(new MockResponse.Builder().headersDelay(5, java.util.concurrent.TimeUnit.SECONDS).body("{}").build());
    GovernanceCliTest.Run run = run("decide", "--policies", POLICIES, "--request", REQUEST, "--opa-url", url(), "--opa-timeout", "200ms");

    assertEquals(0, run.exit(), run.err());
    JsonNode decision = JSON.readTree(run.out());
    assertEquals("deny", decision.get("effect").asText());
    assertEquals("timeout", decision.get("opa").get(0).get("error").asText());
    assertTrue(decision.get("reasons").get(0).get("message").asText().contains("OPA did not answer within"), run.out());
  }

  @Test
  void decide_batch_decidesEveryItemInOrder() throws Exception {
    for (int i = 0; i < 3; i++) {
      answer("{\"decision_id\":\"b-" + i + "\",\"result\":{}}");
    }
    Path batch = temp.resolve("batch.json");
    String one = Files.readString(Path.of(REQUEST));
    Files.writeString(batch, "[" + one + ", " + one.replace("\"erin\"", "\"ed\"") + ", {\"product\": \"nope\"}, "
        + one.replace("\"erin\"", "\"eve\"") + "]");
    GovernanceCliTest.Run run = run("decide", "--policies", POLICIES, "--request", batch.toString(), "--opa-url", url());

    assertEquals(2, run.exit(), run.err());
    JsonNode decisions = JSON.readTree(run.out());
    assertEquals(4, decisions.size());
    assertEquals(2, decisions.get(2).get("index").asInt());
    for (int i : new int[] {0, 1, 3}) {
      assertEquals("finance.card_authorizations", decisions.get(i).get("product").get("id").asText());
      assertTrue(decisions.get(i).get("opa").get(0).get("decisionId").asText().startsWith("b-"));
    }
    assertEquals(3, opa.getRequestCount());
  }

  @Test
  void opaInput_productWithoutOpaSet_exits1() throws Exception {
    Path request = temp.resolve("request.json");
    Files.writeString(request, "{\"subject\": {\"id\": \"a\"}, \"product\": \"finance.fx_rates\", \"at\": \"2026-11-24T10:00:00Z\"}");
    GovernanceCliTest.Run run = run("opa-input", "--policies", POLICIES, "--request", request.toString());

    assertEquals(1, run.exit());
    assertEquals("no OPA-backed policy set applies to this request\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void opaInput_withOpaUrl_namesTheUrlItWouldCall_withoutCallingIt() throws Exception {
    GovernanceCliTest.Run run = run("opa-input", "--policies", POLICIES, "--request", REQUEST, "--opa-url", url());

    assertEquals(0, run.exit(), run.err());
    assertEquals("# finance.fraud-screening@1.0.0 -> POST " + opa.url("/v1/data/meshgov/finance/fraud_screening") + "\n",
        run.err());
    assertEquals(0, opa.getRequestCount());
  }

  @Test
  void validate_withPoliciesAndOpaUrl_doesNotWarnOpaNotConfigured() {
    GovernanceCliTest.Run run = run("validate", "--policies", POLICIES, "--opa-url", url());

    assertEquals(0, run.exit(), run.err());
    assertFalse(run.err().contains("opa-not-configured"), run.err());
  }

  @Test
  void validate_withoutOpaUrl_warnsPerOpaBackedSet() {
    GovernanceCliTest.Run without = run("validate", POLICIES);
    GovernanceCliTest.Run with = run("validate", POLICIES, "--opa-url", url());

    // the shipped set acknowledges running without OPA (a CI job); the engine tests show the warning otherwise
    assertEquals(0, without.exit());
    assertFalse(without.err().contains("opa-not-configured"), without.err());
    assertEquals(0, with.exit());
    assertFalse(with.err().contains("opa-not-configured"), with.err());
  }

  @Test
  void badOpaSettings_exit2WithAMessage() {
    GovernanceCliTest.Run badUrl = run("decide", "--policies", POLICIES, "--request", REQUEST, "--opa-url", "localhost:8181");
    GovernanceCliTest.Run badTimeout = run("decide", "--policies", POLICIES, "--request", REQUEST, "--opa-url", url(), "--opa-timeout", "soon");
    GovernanceCliTest.Run missingToken = run("decide", "--policies", POLICIES, "--request", REQUEST, "--opa-url", url(),
        "--opa-token-file", temp.resolve("absent").toString());

    assertEquals(2, badUrl.exit());
    assertEquals("error: --opa-url: 'localhost:8181' is not an http or https URL, e.g. http://127.0.0.1:8181\n", badUrl.err());
    assertEquals(2, badTimeout.exit());
    assertTrue(badTimeout.err().contains("'soon' is not a duration; write e.g. 200ms, 1s or PT0.2S"), badTimeout.err());
    assertEquals(2, missingToken.exit());
    assertTrue(missingToken.err().startsWith("error: cannot read the OPA bearer token file "), missingToken.err());
    assertFalse((badUrl.err() + badTimeout.err() + missingToken.err()).contains("\tat "));
  }
}
