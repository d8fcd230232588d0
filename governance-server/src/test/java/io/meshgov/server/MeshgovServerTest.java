package io.meshgov.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgov.server.trino.TrinoRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's routes on the shipped bundle, over real HTTP; one server for the class. */
class MeshgovServerTest {
  private static final FakeTrinoAnswers TRINO = new FakeTrinoAnswers();
  private static final int MAX_BYTES = 64 * 1024;

  @TempDir static Path temp;
  private static Path auditFile;
  private static MeshgovServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    auditFile = temp.resolve("audit.jsonl");
    ServerConfig config = ServerConfig.builder(Path.of(System.getProperty("meshgov.policies")))
        .port(0)
        .audit(auditFile)
        .maxRequestBytes(MAX_BYTES)
        .build();
    server = MeshgovServer.start(config, SubjectsSource.NONE, TRINO.factory());
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void decide_oneRequest_answersTheDecisionAndAuditsIt() throws IOException {
    Http.Answer answer = http.post("/v1/decide", Http.sample("alice-invoices.json"));
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
    JsonNode decision = answer.json();
    assertEquals("permit", decision.path("effect").asText(), answer.body());
    assertEquals("finance.invoice_payments", decision.path("product").path("id").asText(), answer.body());
    String id = decision.path("decisionId").asText();
    assertFalse(id.isEmpty(), answer.body());
    assertTrue(Files.readString(auditFile).contains(id), "the decision is audited");
  }

  @Test
  void decide_batch_answersADecisionPerRequest() {
    Http.Answer answer = http.post("/v1/decide", Http.sample("batch.json"));
    assertEquals(200, answer.status(), answer.body());
    JsonNode batch = answer.json();
    assertTrue(batch.isArray(), answer.body());
    assertTrue(batch.size() > 1, answer.body());
    for (JsonNode item : batch) {
      assertTrue(item.has("effect"), item.toString());
    }
  }

  @Test
  void decide_badRequest_is400WithPositionedProblems() {
    Http.Answer answer = http.post("/v1/decide", Http.sample("typos.json"));
    assertEquals(400, answer.status(), answer.body());
    JsonNode problems = answer.json().path("problems");
    assertTrue(problems.size() >= 2, answer.body());
    JsonNode column = find(problems, "unknown-column");
    assertEquals("request.json", column.path("file").asText());
    assertEquals(4, column.path("line").asInt(), answer.body());
    assertTrue(column.path("column").asInt() > 0, answer.body());
    assertTrue(column.path("help").asText().contains("card_number"), answer.body());
  }

  @Test
  void decide_malformedJson_is400NotA500() {
    Http.Answer answer = http.post("/v1/decide", "{\"subject\": ");
    assertEquals(400, answer.status(), answer.body());
    assertTrue(answer.json().path("problems").size() > 0, answer.body());
    assertEquals(400, http.post("/v1/decide", "").status());
  }

  @Test
  void decide_bodyOverTheLimit_is413Json() {
    byte[] body = new byte[MAX_BYTES + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    Http.Answer answer = http.post("/v1/decide", body);
    assertEquals(413, answer.status(), answer.body());
    assertEquals("body-too-large", answer.json().path("error").path("code").asText(), answer.body());
  }

  @Test
  void decide_get_is405_andAnUnknownPath404() {
    assertEquals(405, http.get("/v1/decide").status());
    Http.Answer missing = http.get("/v2/nothing");
    assertEquals(404, missing.status());
    assertEquals("no-route", missing.json().path("error").path("code").asText(), missing.body());
  }

  @Test
  void sql_permit_answersAsTheCommandLine() {
    String body = "{\"request\": " + Http.sample("alice-invoices.json") + ", \"dialect\": \"trino\", "
        + "\"table\": \"hive.finance.invoice_payments\", \"inline\": true}";
    Http.Answer answer = http.post("/v1/sql", body);
    assertEquals(200, answer.status(), answer.body());
    JsonNode sql = answer.json();
    assertEquals(List.of("sql", "parameters", "decisionId"), names(sql));
    assertTrue(sql.path("sql").asText().startsWith("SELECT \"invoice_id\""), answer.body());
    assertTrue(sql.path("sql").asText().contains("FROM \"hive\".\"finance\".\"invoice_payments\" WHERE (\"region\" = 'EU')"),
        answer.body());
    assertEquals(0, sql.path("parameters").size(), answer.body());
  }

  @Test
  void sql_bound_listsTypedParameters() {
    String body = "{\"request\": " + Http.sample("alice-invoices.json") + ", \"dialect\": \"postgresql\"}";
    Http.Answer answer = http.post("/v1/sql", body);
    assertEquals(200, answer.status(), answer.body());
    JsonNode parameters = answer.json().path("parameters");
    assertEquals(4, parameters.size(), answer.body());
    assertEquals("timestamp", parameters.get(3).path("type").asText());
    assertEquals("2018-11-24T10:00:00Z", parameters.get(3).path("value").asText());
  }

  @Test
  void sql_deny_is403WithTheReasons() {
    String body = "{\"request\": " + Http.sample("contractor-export-denied.json") + ", \"dialect\": \"trino\"}";
    Http.Answer answer = http.post("/v1/sql", body);
    assertEquals(403, answer.status(), answer.body());
    JsonNode denied = answer.json();
    assertFalse(denied.path("decisionId").asText().isEmpty(), answer.body());
    assertEquals("global.access/deny-contractors-confidential@1.0.0",
        denied.path("reasons").get(0).path("rule").asText(), answer.body());
  }

  @Test
  void sql_unknownDialect_unknownKeyAndBadRequest_are400() {
    Http.Answer dialect = http.post("/v1/sql", "{\"request\": " + Http.sample("alice-invoices.json")
        + ", \"dialect\": \"oracle\"}");
    assertEquals(400, dialect.status(), dialect.body());
    assertEquals("unknown-dialect", dialect.json().path("problems").get(0).path("code").asText());

    Http.Answer key = http.post("/v1/sql", "{\"dialect\": \"trino\",\n \"tabel\": \"x\"}");
    assertEquals(400, key.status(), key.body());
    JsonNode unknown = find(key.json().path("problems"), "unknown-key");
    assertEquals(2, unknown.path("line").asInt(), key.body());

    // the request's problems point into the body as sent: typos.json starts on the body's second line
    Http.Answer request = http.post("/v1/sql", "{\"dialect\": \"trino\",\n\"request\": " + Http.sample("typos.json") + "}");
    assertEquals(400, request.status(), request.body());
    assertEquals(5, find(request.json().path("problems"), "unknown-column").path("line").asInt(), request.body());
  }

  @Test
  void health_namesTheBundleServed() {
    Http.Answer answer = http.get("/health");
    assertEquals(200, answer.status(), answer.body());
    JsonNode health = answer.json();
    assertEquals("serving", health.path("status").asText());
    assertEquals(server.bundle().digest(), health.path("bundle").path("digest").asText());
    assertEquals(server.bundle().name(), health.path("bundle").path("name").asText());
    assertEquals("none", health.path("subjects").path("digest").asText());
    assertTrue(health.path("lastReload").path("accepted").asBoolean(), answer.body());
    assertTrue(health.path("lastReload").path("problems").isArray(), answer.body());
  }

  @Test
  void metrics_countDecisionsRequestsAndTheCache() {
    http.post("/v1/decide", Http.sample("alice-invoices.json"));
    http.post("/v1/decide", Http.sample("contractor-export-denied.json"));
    Http.Answer answer = http.get("/metrics");
    assertEquals(200, answer.status());
    assertTrue(answer.contentType().startsWith("text/plain"), answer.contentType());
    String text = answer.body();
    for (String line : List.of(
        "meshgov_decisions_total{effect=\"permit\",route=\"decide\"}",
        "meshgov_decisions_total{effect=\"deny\",route=\"decide\"}",
        "meshgov_decision_duration_seconds_bucket{route=\"decide\",le=\"+Inf\"}",
        "meshgov_http_requests_total{route=\"/v1/decide\",status=\"200\"}",
        "meshgov_trino_cache_hits 7",
        "meshgov_trino_cache_misses 3",
        "meshgov_trino_cache_evictions 2",
        "meshgov_trino_cache_size 5",
        "meshgov_bundle_info{digest=\"" + server.bundle().digest() + "\"")) {
      assertTrue(text.contains(line), () -> line + " missing from:\n" + text);
    }
  }

  @Test
  void trino_routesPassTheParsedBody() {
    int before = TRINO.calls.size();
    Http.Answer answer = http.post("/trino/batchColumnMasks", "{\"input\": {\"action\": {\"operation\": \"GetColumnMask\"}}}");
    assertEquals(200, answer.status(), answer.body());
    assertEquals("batchColumnMasks", answer.json().path("result").asText());
    FakeTrinoAnswers.Call call = TRINO.calls.get(before);
    assertEquals(TrinoRoute.BATCH_COLUMN_MASKS, call.route());
    assertEquals("GetColumnMask", call.body().path("input").path("action").path("operation").asText());
  }

  @Test
  void trino_malformedBody_isPassedAsNull() {
    int before = TRINO.calls.size();
    assertEquals(200, http.post("/trino/allow", "{\"input\": ").status());
    assertNull(TRINO.calls.get(before).body());
    assertEquals(200, http.post("/trino/allow", "{} trailing").status());
    assertNull(TRINO.calls.get(before + 1).body());
  }

  @Test
  void trino_unknownRoute_is404Json() {
    int before = TRINO.calls.size();
    Http.Answer answer = http.post("/trino/deleteEverything", "{}");
    assertEquals(404, answer.status());
    assertEquals("no-route", answer.json().path("error").path("code").asText());
    assertEquals(before, TRINO.calls.size(), "nothing reached the Trino answers");
  }

  @Test
  void trino_failingAnswers_giveTheClosedAnswer() {
    String fail = "{\"fail\": true}";
    assertEquals("{\"result\":false}", http.post("/trino/allow", fail).body());
    assertEquals("{\"result\":[]}", http.post("/trino/batch", fail).body());
    assertEquals("{\"result\":[{\"expression\":\"false\"}]}", http.post("/trino/rowFilters", fail).body());
    assertEquals(503, http.post("/trino/columnMask", fail).status());
    assertEquals(503, http.post("/trino/batchColumnMasks", fail).status());
  }

  private static JsonNode find(JsonNode problems, String code) {
    for (JsonNode problem : problems) {
      if (problem.path("code").asText().equals(code)) {
        return problem;
      }
    }
    throw new AssertionError("no " + code + " in " + problems);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
