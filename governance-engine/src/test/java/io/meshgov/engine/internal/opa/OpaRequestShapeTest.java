package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.AT;
import static io.meshgov.engine.internal.opa.OpaTestSupport.DATA_PATH;
import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.PRODUCT;
import static io.meshgov.engine.internal.opa.OpaTestSupport.engine;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static io.meshgov.engine.internal.opa.OpaTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.Decision;
import io.meshgov.api.OpaQuery;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import org.junit.jupiter.api.Test;

/** What meshgov sends OPA (docs/opa.md): method, URL, headers and the exact input document. */
class OpaRequestShapeTest {
  private static final List<String> CATALOG_COLUMNS = List.of("authorization_id", "card_number", "cardholder_email",
      "merchant_id", "merchant_country", "amount", "currency", "fraud_score", "declined", "region", "authorized_at",
      "authorization_date");

  @StartStop final MockWebServer opa = new MockWebServer();

  @Test
  void request_postsJsonToTheSetsDataPath() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    try (GovernanceEngine engine = engine(settings(opa).build())) {
      engine.decide(request(MEMBER, "authorization_id"));
    }
    RecordedRequest recorded = opa.takeRequest();
    assertEquals("POST", recorded.getMethod());
    assertEquals(DATA_PATH, recorded.getUrl().encodedPath());
    assertNull(recorded.getUrl().encodedQuery());
    MediaType contentType = MediaType.get(recorded.getHeaders().get("Content-Type"));
    assertEquals("application", contentType.type());
    assertEquals("json", contentType.subtype());
    assertEquals("application/json", recorded.getHeaders().get("Accept"));
    assertNull(recorded.getHeaders().get("Authorization"), "no token configured, so no Authorization header");
    assertEquals(1, opa.getRequestCount());
  }

  @Test
  void body_isInputWithExactlyTheSpecFields_columnsInRequestOrder() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    Subject subject = new Subject("fiona", List.of("finance", "employees"), List.of("analyst", "pii-reader"),
        Map.of("region", "EU", "clearance", "restricted"));
    AccessRequest request = AccessRequest.builder()
        .subject(subject)
        .product(PRODUCT)
        .columns("region", "card_number", "authorization_id")
        .action(Action.READ)
        .purpose("fraud-investigation")
        .at(AT)
        .build();
    try (GovernanceEngine engine = engine(settings(opa).build())) {
      engine.decide(request);
    }
    JsonNode expected = tree("""
        {"input": {
          "subject": {"id": "fiona", "groups": ["finance", "employees"], "roles": ["analyst", "pii-reader"],
                      "attributes": {"clearance": "restricted", "region": "EU"}},
          "request": {"action": "read", "purpose": "fraud-investigation", "at": "2026-11-24T10:00:00Z"},
          "product": {"id": "finance.card_authorizations", "domain": "finance", "classification": "confidential",
                      "tags": ["residency.regional"], "version": "1.0.0"},
          "columns": [{"name": "region", "type": "string", "tags": []},
                      {"name": "card_number", "type": "string", "tags": ["pii.card_number"]},
                      {"name": "authorization_id", "type": "string", "tags": []}],
          "policySet": {"id": "finance.fraud-screening", "version": "1.0.0", "scope": "domain:finance"}}}
        """);
    assertEquals(expected, tree(opa.takeRequest().getBody().utf8()));
  }

  @Test
  void body_allColumnsInCatalogOrder_whenTheRequestListsNone() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    try (GovernanceEngine engine = engine(settings(opa).build())) {
      engine.decide(request(MEMBER));
    }
    JsonNode columns = tree(opa.takeRequest().getBody().utf8()).path("input").path("columns");
    List<String> names = new ArrayList<>();
    for (JsonNode column : columns) {
      names.add(column.path("name").asText());
    }
    assertEquals(CATALOG_COLUMNS, names);
    assertEquals(tree("{\"name\": \"fraud_score\", \"type\": \"integer\", \"tags\": [\"finance.fraud_score\"]}"),
        columns.get(7));
    assertEquals(tree("{\"name\": \"authorization_date\", \"type\": \"date\", \"tags\": []}"), columns.get(11));
  }

  @Test
  void body_carriesActionAndPurposeOfTheRequest() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    AccessRequest export = request(MEMBER, "amount").toBuilder()
        .action(Action.EXPORT)
        .purpose("regulatory-reporting")
        .build();
    try (GovernanceEngine engine = engine(settings(opa).build())) {
      engine.decide(export);
    }
    assertEquals(tree("{\"action\": \"export\", \"purpose\": \"regulatory-reporting\", \"at\": \"2026-11-24T10:00:00Z\"}"),
        tree(opa.takeRequest().getBody().utf8()).path("input").path("request"));
  }

  @Test
  void baseUrl_withPathPrefixAndTrailingSlash_keepsThePrefix() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    OpaSettings settings = settings(opa).baseUrl(URI.create(opa.url("/opa-proxy/").toString())).build();
    try (GovernanceEngine engine = engine(settings)) {
      engine.decide(request(MEMBER, "region"));
    }
    assertEquals("/opa-proxy" + DATA_PATH, opa.takeRequest().getUrl().encodedPath());
  }

  @Test
  void baseUrl_withPathPrefixWithoutTrailingSlash_keepsThePrefix() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    OpaSettings settings = settings(opa).baseUrl(URI.create(opa.url("/opa-proxy").toString())).build();
    try (GovernanceEngine engine = engine(settings)) {
      engine.decide(request(MEMBER, "region"));
    }
    assertEquals("/opa-proxy" + DATA_PATH, opa.takeRequest().getUrl().encodedPath());
  }

  @Test
  void opaQueries_returnExactlyTheInputDocumentThatIsPosted() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    AccessRequest request = request(new Subject("fiona", List.of("finance"), List.of(),
        Map.of("region", "EU", "clearance", "restricted", "team", "risk")), "region", "card_number");
    try (GovernanceEngine engine = engine(settings(opa).build())) {
      List<OpaQuery> queries = engine.opaQueries(request);
      assertEquals(0, opa.getRequestCount(), "opaQueries must not call OPA");
      assertEquals(1, queries.size());
      OpaQuery query = queries.get(0);
      assertEquals("finance.fraud-screening", query.policySet());
      assertEquals("1.0.0", query.version());
      assertEquals("meshgov/finance/fraud_screening", query.path());
      assertEquals(opa.url(DATA_PATH).toString(), query.url());

      engine.decide(request);
      String posted = opa.takeRequest().getBody().utf8();
      assertEquals("{\"input\":" + query.input() + "}", posted);
      assertEquals(tree(posted).get("input"), tree(query.input()));
    }
  }

  @Test
  void opaQueries_productWithoutOpaBackedSet_isEmpty() {
    try (GovernanceEngine engine = engine(settings(opa).build())) {
      AccessRequest ledger = request(MEMBER).toBuilder().product("finance.general_ledger").build();
      assertEquals(List.of(), engine.opaQueries(ledger));
      Decision decision = engine.decide(ledger);
      assertEquals(List.of(), decision.opa());
    }
    assertEquals(0, opa.getRequestCount());
  }

  @Test
  void opaQueries_withoutOpaUrl_haveNoUrl() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(OpaTestSupport.POLICIES).build()) {
      List<OpaQuery> queries = engine.opaQueries(request(MEMBER, "region"));
      assertEquals(1, queries.size());
      assertNull(queries.get(0).url());
      assertTrue(queries.get(0).input().startsWith("{\"subject\":{\"id\":\"fiona\""), queries.get(0).input());
    }
  }
}
