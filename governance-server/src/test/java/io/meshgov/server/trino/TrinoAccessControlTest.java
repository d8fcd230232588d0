package io.meshgov.server.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.Decision;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Trino 476's own requests, recorded, answered from the shipped bundle. */
class TrinoAccessControlTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path POLICIES = Path.of(System.getProperty("meshgov.policies", "../policies"));
  private static final Path RECORDINGS = Path.of(System.getProperty("meshgov.trinoRecordings",
      "src/test/resources/trino-476"));
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-24T10:00:00Z"));

  private static final Map<String, Subject> SUBJECTS = Map.of(
      "alice", new Subject("alice", List.of("employees", "finance"), List.of("analyst"),
          Map.of("region", "EU", "legal_entity", "MG-DE")),
      "carl", new Subject("carl", List.of("contractors"), List.of(), Map.of("region", "EU")));

  private static final SubjectResolver RESOLVER = new SubjectResolver() {
    @Override
    public Subject subject(String user, List<String> groups) {
      Subject known = SUBJECTS.get(user);
      return known != null ? known : new Subject(user, groups, List.of(), Map.of());
    }

    @Override
    public Optional<String> purpose(String user) {
      return Optional.of("reporting");
    }

    @Override
    public String digest() {
      return "test";
    }
  };

  private static GovernanceEngine engine;
  private static final InMemoryAuditSink AUDIT = new InMemoryAuditSink();
  private final AtomicInteger decided = new AtomicInteger();
  private TrinoAccessControl trino;

  @BeforeAll
  static void startEngine() {
    engine = GovernanceEngine.builder().bundle(POLICIES).auditSink(AUDIT).clock(CLOCK).build();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @BeforeEach
  void newAccessControl() {
    AUDIT.clear();
    TrinoSettings settings = new TrinoSettings("meshgov-filter", "analytics", false, java.util.Set.of("loader"),
        false, java.time.Duration.ofSeconds(5), 1000);
    trino = new TrinoAccessControl(engine, request -> {
      decided.incrementAndGet();
      return engine.decide(request);
    }, RESOLVER, settings, CLOCK);
  }

  @Test
  void everyRecordedRequestGetsAnAnswerOfItsRoutesShape() throws Exception {
    int replayed = 0;
    for (Path file : List.of(RECORDINGS.resolve("requests.jsonl"), RECORDINGS.resolve("requests-filter-identity.jsonl"))) {
      for (String line : Files.readAllLines(file)) {
        JsonNode recorded = JSON.readTree(line);
        if (recorded.has("marker")) {
          continue;
        }
        String path = recorded.get("path").asText();
        TrinoRoute route = TrinoRoute.fromPath(path.substring(path.lastIndexOf('/') + 1)).orElseThrow();
        JsonNode answer = trino.answer(route, recorded.get("body"));
        assertShape(route, recorded.get("body"), answer);
        replayed++;
      }
    }
    assertEquals(82, replayed, "every recorded call: 92 lines, 10 of them statement markers");
  }

  @Test
  void aSelectIsDecidedOnceAndAuditedOnce() {
    JsonNode masks = trino.answer(TrinoRoute.BATCH_COLUMN_MASKS, masksCall("alice", "customer_email", "varchar(100)",
        "card_number", "varchar(19)", "invoice_id", "varchar"));
    assertTrue(allow("alice", "SelectFromColumns", table("invoice_payments", "invoice_id", "customer_email")));
    JsonNode filters = trino.answer(TrinoRoute.ROW_FILTERS, call("alice", "GetRowFilters", "resource", table("invoice_payments")));
    assertEquals(1, decided.get(), "masks, select and filters of one table share one decision");
    assertEquals(1, AUDIT.records().size());

    JsonNode items = masks.get("result");
    assertEquals(2, items.size(), items.toString());
    assertEquals(0, items.get(0).get("index").asInt());
    String email = items.get(0).get("viewExpression").get("expression").asText();
    assertTrue(email.startsWith("CAST(CASE WHEN \"customer_email\" IS NULL") && email.endsWith(" AS varchar(100))"), email);
    assertEquals(1, items.get(1).get("index").asInt());

    JsonNode filter = filters.get("result").get(0);
    assertEquals("meshgov-filter", filter.get("identity").asText());
    assertTrue(filter.get("expression").asText().startsWith("(\"region\" = 'EU') AND "), filter.toString());
  }

  @Test
  void theFilterIdentityReadsExactlyTheFiltersColumns() {
    trino.answer(TrinoRoute.ROW_FILTERS, call("alice", "GetRowFilters", "resource", table("invoice_payments")));
    assertTrue(allow("meshgov-filter", "SelectFromColumns", table("invoice_payments", "region", "booking_date")));
    assertTrue(allow("meshgov-filter", "SelectFromColumns", table("invoice_payments", "region")));
    assertFalse(allow("meshgov-filter", "SelectFromColumns", table("invoice_payments", "card_number")));
    assertFalse(allow("meshgov-filter", "ExecuteQuery", null));
    assertTrue(allow("meshgov-filter", "AccessCatalog", Map.of("catalog", Map.of("name", "memory"))));
  }

  @Test
  void aDeniedColumnOrProductCannotBeSelected() {
    assertFalse(allow("alice", "SelectFromColumns", table("invoice_payments", "invoice_id", "credit_risk_score")));
    assertFalse(allow("carl", "SelectFromColumns", table("invoice_payments", "invoice_id")));
    assertFalse(allow("nobody", "SelectFromColumns", table("invoice_payments", "invoice_id")));
    assertFalse(allow("alice", "SelectFromColumns", table("no_such_table", "x")), "an unbound table");
    assertTrue(allow("alice", "SelectFromColumns",
        Map.of("table", Map.of("catalogName", "memory", "schemaName", "information_schema", "tableName", "tables",
            "columns", List.of("table_name")))));
  }

  @Test
  void listingsShowOnlyWhatTheUserMayReadAndAreNotAudited() {
    JsonNode catalogs = trino.answer(TrinoRoute.BATCH, batchCall("alice", "FilterCatalogs",
        List.of(Map.of("catalog", Map.of("name", "system")), Map.of("catalog", Map.of("name", "memory")),
            Map.of("catalog", Map.of("name", "hive")))));
    assertEquals("[0,1]", catalogs.get("result").toString());
    JsonNode tables = trino.answer(TrinoRoute.BATCH, batchCall("carl", "FilterTables",
        List.of(Map.of("table", Map.of("catalogName", "memory", "schemaName", "finance", "tableName", "invoice_payments")),
            Map.of("table", Map.of("catalogName", "memory", "schemaName", "information_schema", "tableName", "tables")))));
    assertEquals("[1]", tables.get("result").toString(), "a contractor does not see confidential invoices");
    JsonNode columns = trino.answer(TrinoRoute.BATCH, batchCall("alice", "FilterColumns",
        List.of(Map.of("table", Map.of("catalogName", "memory", "schemaName", "finance", "tableName", "invoice_payments",
            "columns", List.of("invoice_id", "credit_risk_score", "customer_email"))))));
    assertEquals("[0,2]", columns.get("result").toString(), "a denied column is hidden, a masked one shown");
    assertEquals(0, decided.get());
    assertEquals(List.of(), AUDIT.records(), "a listing reads no data");
  }

  @Test
  void writesAreDeniedButToWriters() {
    Map<String, Object> fx = Map.of("table", Map.of("catalogName", "memory", "schemaName", "finance", "tableName", "fx"));
    assertFalse(allow("alice", "CreateTable", fx));
    assertFalse(allow("alice", "InsertIntoTable", fx));
    assertFalse(allow("alice", "GrantTablePrivilege", fx));
    assertTrue(allow("loader", "InsertIntoTable", fx));
    assertEquals("[]", trino.answer(TrinoRoute.ROW_FILTERS, call("loader", "GetRowFilters", "resource", fx))
        .get("result").toString(), "a writer's insert into an unbound table is not filtered away");
  }

  @Test
  void whatCannotBeReadIsAnsweredClosed() {
    assertEquals("{\"result\":false}", trino.answer(TrinoRoute.ALLOW, null).toString());
    assertEquals("{\"result\":[]}", trino.answer(TrinoRoute.BATCH, null).toString());
    assertEquals("{\"result\":[{\"expression\":\"false\"}]}", trino.answer(TrinoRoute.ROW_FILTERS, null).toString());
    assertThrows(IllegalArgumentException.class, () -> trino.answer(TrinoRoute.BATCH_COLUMN_MASKS, null));
    assertFalse(allow("alice", "SomeFutureOperation", null));
    assertEquals("{\"result\":false}", trino.answer(TrinoRoute.ALLOW, JSON.createObjectNode()).toString());
  }

  /**
   * Trino asks masks and filters before it checks the columns, each call answered from the
   * decision of its moment: a deny must be safe on its own, whatever a later call decides.
   */
  @Test
  void aDenyHidesEveryRowAndNullsEveryColumnButForWriters() {
    JsonNode filters = trino.answer(TrinoRoute.ROW_FILTERS, call("carl", "GetRowFilters", "resource", table("invoice_payments")));
    assertEquals("{\"result\":[{\"expression\":\"false\"}]}", filters.toString());
    JsonNode masks = trino.answer(TrinoRoute.BATCH_COLUMN_MASKS, masksCall("carl", "invoice_id", "varchar"));
    assertEquals("{\"result\":[{\"index\":0,\"viewExpression\":{\"expression\":\"CAST(NULL AS varchar)\"}}]}",
        masks.toString());
    assertEquals("{\"result\":[]}", trino.answer(TrinoRoute.ROW_FILTERS,
        call("loader", "GetRowFilters", "resource", table("invoice_payments"))).toString(), "a loader's insert is not filtered");
    assertEquals("{\"result\":[]}", trino.answer(TrinoRoute.BATCH_COLUMN_MASKS,
        masksCall("loader", "invoice_id", "varchar")).toString(), "nor masked");
  }

  @Test
  void aDeniedColumnOfAPermittedReadIsNulled() {
    JsonNode masks = trino.answer(TrinoRoute.BATCH_COLUMN_MASKS, masksCall("alice", "credit_risk_score", "bigint"));
    assertEquals("{\"result\":[{\"index\":0,\"viewExpression\":{\"expression\":\"CAST(NULL AS bigint)\"}}]}",
        masks.toString());
  }

  @Test
  void aViewReadingGovernedColumnsIsNeverCreated() {
    assertFalse(allow("loader", "CreateViewWithSelectFromColumns", table("invoice_payments", "invoice_id")));
  }

  @Test
  void aColumnTheProductLacksIsNulled() {
    JsonNode masks = trino.answer(TrinoRoute.BATCH_COLUMN_MASKS, masksCall("alice", "not_a_column", "varchar(3)"));
    assertEquals("{\"result\":[{\"index\":0,\"viewExpression\":{\"expression\":\"CAST(NULL AS varchar(3))\"}}]}",
        masks.toString());
  }

  @Test
  void aSingleColumnMaskIsOneExpressionOrNull() {
    JsonNode email = trino.answer(TrinoRoute.COLUMN_MASK, call("alice", "GetColumnMask", "resource",
        Map.of("column", column("customer_email", "varchar"))));
    assertTrue(email.get("result").get("expression").asText().contains("'****@'"), email.toString());
    JsonNode id = trino.answer(TrinoRoute.COLUMN_MASK, call("alice", "GetColumnMask", "resource",
        Map.of("column", column("invoice_id", "varchar"))));
    assertEquals("{\"result\":null}", id.toString());
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void assertShape(TrinoRoute route, JsonNode body, JsonNode answer) {
    JsonNode result = answer.get("result");
    switch (route) {
      case ALLOW:
        assertTrue(result.isBoolean(), answer.toString());
        break;
      case BATCH: {
        JsonNode action = body.get("input").get("action");
        JsonNode resources = action.get("filterResources");
        int bound = action.get("operation").asText().equals("FilterColumns")
            ? resources.get(0).get("table").get("columns").size() : resources.size();
        for (JsonNode index : result) {
          assertTrue(index.isInt() && index.asInt() >= 0 && index.asInt() < bound, answer.toString());
        }
        break;
      }
      case ROW_FILTERS:
        for (JsonNode filter : result) {
          assertTrue(filter.get("expression").isTextual(), answer.toString());
        }
        break;
      default:
        for (JsonNode item : result) {
          assertTrue(item.get("index").isInt() && item.get("viewExpression").get("expression").isTextual(),
              answer.toString());
        }
    }
  }

  private boolean allow(String user, String operation, Object resource) {
    JsonNode answer = trino.answer(TrinoRoute.ALLOW, call(user, operation, "resource", resource));
    return answer.get("result").asBoolean();
  }

  private static Map<String, Object> table(String name, String... columns) {
    Map<String, Object> table = new java.util.LinkedHashMap<>(
        Map.of("catalogName", "memory", "schemaName", "finance", "tableName", name));
    if (columns.length > 0) {
      table.put("columns", List.of(columns));
    }
    return Map.of("table", table);
  }

  private static Map<String, Object> column(String name, String type) {
    return Map.of("catalogName", "memory", "schemaName", "finance", "tableName", "invoice_payments",
        "columnName", name, "columnType", type);
  }

  private static JsonNode masksCall(String user, String... namesAndTypes) {
    List<Object> resources = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      resources.add(Map.of("column", column(namesAndTypes[i], namesAndTypes[i + 1])));
    }
    return batchCall(user, "GetColumnMask", resources);
  }

  private static JsonNode batchCall(String user, String operation, List<?> resources) {
    return call(user, operation, "filterResources", resources);
  }

  private static JsonNode call(String user, String operation, String field, Object value) {
    Map<String, Object> action = new java.util.LinkedHashMap<>();
    action.put("operation", operation);
    if (value != null) {
      action.put(field, value);
    }
    return JSON.valueToTree(Map.of("input", Map.of(
        "context", Map.of("identity", Map.of("user", user, "groups", List.of()), "softwareStack",
            Map.of("trinoVersion", "476")),
        "action", action)));
  }

}
