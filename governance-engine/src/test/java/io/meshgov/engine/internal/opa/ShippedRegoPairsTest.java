package io.meshgov.engine.internal.opa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.Decision;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Reason;
import io.meshgov.api.RowFilter;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the input→result pairs shipped with the Rego of policies/opa/ through a real HTTP
 * server answering as OPA would: meshgov must send exactly the pair's input, and combine the
 * pair's result with the bundle's native rules into the pair's expected decision. The pairs were
 * derived by reading the Rego; {@code opa test policies/opa} checks the same pairs against the
 * Rego itself where OPA is installed.
 */
class ShippedRegoPairsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path POLICIES = Path.of(System.getProperty("meshgov.policies"));

  @StartStop final MockWebServer opa = new MockWebServer();

  static Stream<Arguments> pairs() throws Exception {
    JsonNode cases = JSON.readTree(Files.readString(POLICIES.resolve("opa/pairs/fraud_screening.json"))).get("cases");
    List<Arguments> arguments = new ArrayList<>();
    for (JsonNode pair : cases) {
      arguments.add(Arguments.of(pair.get("name").asText(), pair));
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void pair_sendsItsInputAndGivesItsDecision(String name, JsonNode pair) throws Exception {
    ObjectNode answer = JSON.createObjectNode().put("decision_id", "replay-1");
    if (pair.has("result")) {
      answer.set("result", pair.get("result"));
    }
    opa.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(JSON.writeValueAsString(answer)).build());
    OpaSettings settings = OpaSettings.builder(URI.create(opa.url("/").toString()))
        .callTimeout(java.time.Duration.ofSeconds(5)).build();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(POLICIES).opa(settings).build()) {
      RequestReader.Requests requests = new RequestReader(engine.catalog(), LoadLimits.REQUESTS)
          .read(name, JSON.writeValueAsString(pair.get("request")));
      assertTrue(requests.problems().isEmpty(), requests.problems().toString());
      AccessRequest request = requests.items().get(0).request();
      Decision decision = engine.decide(request);

      RecordedRequest sent = opa.takeRequest();
      assertEquals("POST", sent.getMethod());
      assertEquals("/v1/data/meshgov/finance/fraud_screening", sent.getUrl().encodedPath());
      assertEquals(JSON.createObjectNode().set("input", pair.get("input")), JSON.readTree(sent.getBody().utf8()));

      JsonNode expected = pair.get("decision");
      assertEquals(expected.get("effect").asText(), decision.effect().wireName(), () -> describe(decision));
      if (expected.has("columns")) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (ColumnDecision column : decision.columns()) {
          columns.put(column.name(), column.mask() != null ? "mask:" + column.mask().method().wireName()
              : column.effect().wireName());
        }
        assertEquals(JSON.convertValue(expected.get("columns"), Map.class), columns, () -> describe(decision));
      }
      List<String> reasons = decision.reasons().stream().map(Reason::rule).map(rule -> rule.id()).toList();
      for (JsonNode reason : expected.path("reasons")) {
        assertTrue(reasons.contains(reason.asText()), () -> reason.asText() + " not among " + reasons);
      }
      if (expected.has("rowFilterRules")) {
        List<String> filters = decision.rowFilters().stream().map(RowFilter::rule).map(rule -> rule.id()).toList();
        List<String> expectedFilters = new ArrayList<>();
        expected.get("rowFilterRules").forEach(rule -> expectedFilters.add(rule.asText()));
        assertEquals(expectedFilters, filters);
      }
      assertEquals(List.of(new OpaConsultation("finance.fraud-screening", "1.0.0", "replay-1", false, false, null)),
          decision.opa());
    }
  }

  private static String describe(Decision decision) {
    return decision.effect() + " " + decision.columns() + " " + decision.reasons();
  }
}
