package io.meshgov.engine.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.engine.internal.load.SourceNode;
import io.meshgov.engine.internal.load.SourceReader;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/request-and-decision.md: every string field of a request is strict. A number, boolean,
 * list, mapping (or, for a required field or an item, null) where a string is expected is {@code
 * wrong-type} at the value's own position; values are never coerced. JSON and YAML requests (a
 * PolicyTest's requests are YAML) go through the same parser; YAML types plain scalars by the YAML
 * 1.1 rules, so {@code region: NO} is a boolean and {@code purpose: 42} a number there too.
 */
class RequestParserTest {
  private static final DataProduct ORDERS = new DataProduct("shop.orders", "shop", "shop@example.com", "1.0.0",
      Classification.INTERNAL, List.of(), List.of(
          Column.of("order_id", ColumnType.STRING),
          Column.of("region", ColumnType.STRING),
          Column.of("email", ColumnType.STRING)));
  private static final RequestParser PARSER = new RequestParser(Map.of("shop.orders", ORDERS), io.meshgov.api.Vocabulary.NONE);

  /** What one request file gave: the request, or null and its problems. */
  private record Read(AccessRequest request, List<Problem> problems) {
    /** The problems as {@code line:col: message [code] help}, the way a reader sees them. */
    List<String> lines() {
      return problems.stream().map(p -> p.line() + ":" + p.column() + ": " + p.message() + " [" + p.code() + "]"
          + (p.help() == null ? "" : " help: " + p.help())).toList();
    }
  }

  private static Read read(String file, String text) {
    ProblemSink problems = new ProblemSink();
    SourceNode root = new SourceReader(LoadLimits.REQUESTS).read(file, text, problems);
    assertNotNull(root, () -> problems.problems().toString());
    AccessRequest request = PARSER.read(file, root, problems);
    return new Read(request, problems.problems());
  }

  private static Read json(String text) {
    return read("request.json", text);
  }

  private static Read yaml(String text) {
    return read("request.yaml", text);
  }

  private static void assertProblems(Read read, String... lines) {
    assertEquals(List.of(lines), read.lines());
    assertNull(read.request(), "a request with problems is not returned");
    for (Problem problem : read.problems()) {
      assertEquals("request." + (read.problems().get(0).file().endsWith("json") ? "json" : "yaml"), problem.file());
    }
  }

  // ------------------------------------------------------------------ numbers

  @Test
  void json_numberInEveryStringField_isWrongTypeAtTheValue() {
    Read read = json("""
        {"subject": {"id": 7, "groups": ["staff", 1], "roles": [2.5],
                     "attributes": {"region": 3}},
         "product": "shop.orders",
         "columns": ["order_id", 2],
         "action": 1,
         "purpose": 42,
         "at": 20261124}
        """);
    assertProblems(read,
        "1:20: 'id' of 'subject' must be a string, not a number (7) [wrong-type] help: write it as a string: \"7\"",
        "1:43: an item of 'groups' in 'subject' must be a string, not a number (1) [wrong-type] "
            + "help: write it as a string: \"1\"",
        "1:57: an item of 'roles' in 'subject' must be a string, not a number (2.5) [wrong-type] "
            + "help: write it as a string: \"2.5\"",
        "2:39: attribute 'region' of 'subject' must be a string, not a number (3) [wrong-type] "
            + "help: write it as a string: \"3\"",
        "4:26: an item of 'columns' in a request must be a string, not a number (2) [wrong-type] "
            + "help: write it as a string: \"2\"",
        "5:12: 'action' of a request must be a string, not a number (1) [wrong-type] help: write it as a string: \"1\"",
        "6:13: 'purpose' of a request must be a string, not a number (42) [wrong-type] "
            + "help: write it as a string: \"42\"",
        "7:8: 'at' of a request must be a string, not a number (20261124) [wrong-type] "
            + "help: write it as a string: \"20261124\"");
  }

  @Test
  void json_numberAsProduct_isWrongType() {
    assertProblems(json("{\"subject\": {\"id\": \"ann\"}, \"product\": 42}"),
        "1:39: 'product' of a request must be a catalog id (a string) or an inline DataProduct (a mapping), "
            + "not a number (42) [wrong-type] help: write it as a string: \"42\"");
  }

  @Test
  void yaml_numberInAStringField_isWrongTypeToo() {
    assertProblems(yaml("""
        subject: {id: ann, attributes: {clearance: 3}}
        product: shop.orders
        purpose: 42
        """),
        "1:44: attribute 'clearance' of 'subject' must be a string, not a number (3) [wrong-type] "
            + "help: write it as a string: \"3\"",
        "3:10: 'purpose' of a request must be a string, not a number (42) [wrong-type] "
            + "help: write it as a string: \"42\"");
  }

  @Test
  void yaml_leadingZeros_areAnOctalNumber_notAnId() {
    assertProblems(yaml("subject: {id: 007}\nproduct: shop.orders\n"),
        "1:15: 'id' of 'subject' must be a string, not a number (007) [wrong-type] help: write it as a string: \"007\"");
  }

  @Test
  void quotedNumbers_areStrings() {
    Read fromJson = json("""
        {"subject": {"id": "7", "attributes": {"region": "3"}}, "product": "shop.orders", "purpose": "42"}
        """);
    assertEquals(List.of(), fromJson.problems());
    assertEquals("7", fromJson.request().subject().id());
    assertEquals(Map.of("region", "3"), fromJson.request().subject().attributes());
    assertEquals("42", fromJson.request().purpose());
    Read fromYaml = yaml("subject: {id: '7', attributes: {region: \"3\"}}\nproduct: shop.orders\npurpose: \"42\"\n");
    assertEquals(List.of(), fromYaml.problems());
    assertEquals(fromJson.request().subject(), fromYaml.request().subject());
    assertEquals("42", fromYaml.request().purpose());
  }

  // ------------------------------------------------------------------ booleans

  @Test
  void json_booleanInAStringField_isWrongType() {
    assertProblems(json("""
        {"subject": {"id": true, "roles": [false], "attributes": {"eu": true}},
         "product": "shop.orders", "purpose": false}
        """),
        "1:20: 'id' of 'subject' must be a string, not a boolean (true) [wrong-type] "
            + "help: write it as a string: \"true\"",
        "1:36: an item of 'roles' in 'subject' must be a string, not a boolean (false) [wrong-type] "
            + "help: write it as a string: \"false\"",
        "1:65: attribute 'eu' of 'subject' must be a string, not a boolean (true) [wrong-type] "
            + "help: write it as a string: \"true\"",
        "2:39: 'purpose' of a request must be a string, not a boolean (false) [wrong-type] "
            + "help: write it as a string: \"false\"");
  }

  @Test
  void yaml_norwayIsABoolean_quoteIt() {
    assertProblems(yaml("""
        subject: {id: ola, attributes: {region: NO}}
        product: shop.orders
        """),
        "1:41: attribute 'region' of 'subject' must be a string, not a boolean (NO) [wrong-type] "
            + "help: write it as a string: \"NO\"");
    Read quoted = yaml("subject: {id: ola, attributes: {region: \"NO\"}}\nproduct: shop.orders\n");
    assertEquals(List.of(), quoted.problems());
    assertEquals(Map.of("region", "NO"), quoted.request().subject().attributes());
    Read plain = yaml("subject: {id: ola, attributes: {region: EU}}\nproduct: shop.orders\n");
    assertEquals(Map.of("region", "EU"), plain.request().subject().attributes());
  }

  @Test
  void yaml_booleanAction_isWrongType_notAnUnknownAction() {
    assertProblems(yaml("subject: {id: ann}\nproduct: shop.orders\naction: yes\n"),
        "3:9: 'action' of a request must be a string, not a boolean (yes) [wrong-type] "
            + "help: write it as a string: \"yes\"");
  }

  // ------------------------------------------------------------------ lists

  @Test
  void listWhereAStringIsExpected_isWrongType() {
    assertProblems(json("""
        {"subject": {"id": ["ann"], "attributes": {"region": ["EU", "US"]}},
         "product": ["shop.orders"], "purpose": ["reporting"], "at": ["2026-11-24"]}
        """),
        "1:20: 'id' of 'subject' must be a string, not a list [wrong-type]",
        "1:54: attribute 'region' of 'subject' must be a string, not a list [wrong-type]",
        "2:13: 'product' of a request must be a catalog id (a string) or an inline DataProduct (a mapping), "
            + "not a list [wrong-type]",
        "2:41: 'purpose' of a request must be a string, not a list [wrong-type]",
        "2:62: 'at' of a request must be a string, not a list [wrong-type]");
  }

  @Test
  void listInsideAList_isWrongTypeAtTheItem() {
    assertProblems(json("{\"subject\": {\"id\": \"ann\", \"groups\": [\"staff\", [\"x\"]]}, \"product\": \"shop.orders\"}"),
        "1:47: an item of 'groups' in 'subject' must be a string, not a list [wrong-type]");
  }

  @Test
  void stringWhereAListIsExpected_isWrongType() {
    assertProblems(json("""
        {"subject": {"id": "ann", "groups": "staff"}, "product": "shop.orders", "columns": "email"}
        """),
        "1:37: 'groups' of 'subject' must be a list of strings, not a string ('staff') [wrong-type] "
            + "help: write it as a list, e.g. groups: [\"staff\"]",
        "1:84: 'columns' of a request must be a list of strings, not a string ('email') [wrong-type] "
            + "help: write it as a list, e.g. columns: [\"email\"]");
  }

  // ------------------------------------------------------------------ objects

  @Test
  void mappingWhereAStringIsExpected_isWrongType() {
    assertProblems(json("""
        {"subject": {"id": {"name": "ann"}, "roles": [{"r": 1}], "attributes": {"region": {"code": "EU"}}},
         "product": "shop.orders", "columns": [{"name": "email"}], "action": {}, "purpose": {"why": "x"}}
        """),
        "1:20: 'id' of 'subject' must be a string, not a mapping [wrong-type]",
        "1:47: an item of 'roles' in 'subject' must be a string, not a mapping [wrong-type]",
        "1:83: attribute 'region' of 'subject' must be a string, not a mapping [wrong-type]",
        "2:40: an item of 'columns' in a request must be a string, not a mapping [wrong-type]",
        "2:70: 'action' of a request must be a string, not a mapping [wrong-type]",
        "2:85: 'purpose' of a request must be a string, not a mapping [wrong-type]");
  }

  @Test
  void attributesNotAMapping_isWrongType() {
    assertProblems(json("{\"subject\": {\"id\": \"ann\", \"attributes\": \"EU\"}, \"product\": \"shop.orders\"}"),
        "1:41: 'attributes' of 'subject' must be a mapping of strings, not a string ('EU') [wrong-type] "
            + "help: write it as a mapping, e.g. attributes: {region: \"EU\"}");
  }

  // ------------------------------------------------------------------ null

  @Test
  void json_nullForAnOptionalKey_isTheSameAsNoKey() {
    Read read = json("""
        {"subject": {"id": "ann", "groups": null, "roles": null, "attributes": null},
         "product": "shop.orders", "columns": null, "action": null, "purpose": null, "at": null}
        """);
    assertEquals(List.of(), read.problems());
    Read absent = json("{\"subject\": {\"id\": \"ann\"}, \"product\": \"shop.orders\"}");
    AccessRequest request = read.request();
    assertEquals(absent.request().subject(), request.subject());
    assertEquals(List.of(), request.columns());
    assertEquals(Action.READ, request.action());
    assertEquals("", request.purpose());
    assertNull(request.at());
  }

  @Test
  void yaml_emptyAndTildeValues_areNullToo() {
    Read read = yaml("subject: {id: ann, groups: ~}\nproduct: shop.orders\npurpose:\nat: ~\n");
    assertEquals(List.of(), read.problems());
    assertEquals("", read.request().purpose());
    assertEquals(List.of(), read.request().subject().groups());
  }

  @Test
  void nullForARequiredKey_anItem_orAnAttribute_isWrongType() {
    assertProblems(json("""
        {"subject": {"id": null, "groups": ["staff", null], "attributes": {"region": null}},
         "product": null, "columns": [null]}
        """),
        "1:20: 'id' of 'subject' must be a string, not null [wrong-type]",
        "1:46: an item of 'groups' in 'subject' must be a string, not null [wrong-type]",
        "1:78: attribute 'region' of 'subject' must be a string, not null [wrong-type]",
        "2:13: 'product' of a request must be a catalog id (a string) or an inline DataProduct (a mapping), "
            + "not null [wrong-type]",
        "2:31: an item of 'columns' in a request must be a string, not null [wrong-type]");
  }

  @Test
  void nullSubject_isWrongType() {
    assertProblems(json("{\"subject\": null, \"product\": \"shop.orders\"}"),
        "1:13: 'subject' must be a mapping, not null [wrong-type]");
  }

  // ------------------------------------------------------------------ timestamps (YAML)

  @Test
  void yaml_unquotedTimestampAndDate_areAcceptedForAt() {
    Read timestamp = yaml("subject: {id: ann}\nproduct: shop.orders\nat: 2026-11-24T10:00:00Z\n");
    assertEquals(List.of(), timestamp.problems());
    assertEquals(Instant.parse("2026-11-24T10:00:00Z"), timestamp.request().at());
    Read date = yaml("subject: {id: ann}\nproduct: shop.orders\nat: 2026-11-24\n");
    assertEquals(List.of(), date.problems());
    assertEquals(Instant.parse("2026-11-24T00:00:00Z"), date.request().at());
    Read offset = yaml("subject: {id: ann}\nproduct: shop.orders\nat: 2026-11-24T12:00:00+02:00\n");
    assertEquals(Instant.parse("2026-11-24T10:00:00Z"), offset.request().at());
    Read quoted = yaml("subject: {id: ann}\nproduct: shop.orders\nat: \"2026-11-24T10:00:00Z\"\n");
    assertEquals(Instant.parse("2026-11-24T10:00:00Z"), quoted.request().at());
  }

  @Test
  void yaml_timestampInAnotherStringField_isWrongType() {
    assertProblems(yaml("subject: {id: ann, attributes: {since: 2026-01-01}}\nproduct: shop.orders\n"),
        "1:40: attribute 'since' of 'subject' must be a string, not a timestamp (2026-01-01) [wrong-type] "
            + "help: write it as a string: \"2026-01-01\"");
  }

  @Test
  void json_atThatIsNotADate_isStillInvalidDate() {
    assertProblems(json("{\"subject\": {\"id\": \"ann\"}, \"product\": \"shop.orders\", \"at\": \"soon\"}"),
        "1:60: 'soon' is not a date or timestamp [invalid-date] help: write a timestamp like 2026-11-24T10:00:00Z");
  }

  // ------------------------------------------------------------------ a valid request

  @Test
  void validRequest_isRead() {
    Read read = json("""
        {"subject": {"id": "ann", "groups": ["staff"], "roles": ["analyst"], "attributes": {"region": "EU"}},
         "product": "shop.orders", "columns": ["email", "order_id"], "action": "export", "purpose": "reporting",
         "at": "2026-11-24"}
        """);
    assertEquals(List.of(), read.problems());
    AccessRequest request = read.request();
    assertEquals("ann", request.subject().id());
    assertEquals(List.of("staff"), request.subject().groups());
    assertEquals(List.of("analyst"), request.subject().roles());
    assertEquals(List.of("email", "order_id"), request.columns());
    assertEquals(Action.EXPORT, request.action());
    assertEquals("reporting", request.purpose());
    assertEquals(Instant.parse("2026-11-24T00:00:00Z"), request.at());
  }

  // ------------------------------------------------------------------ inline products' bindings

  private static final String RETURNS_METADATA =
      "\"metadata\": {\"id\": \"shop.returns\", \"domain\": \"shop\", \"owner\": \"o\", \"version\": \"1.0.0\"}, "
          + "\"classification\": \"internal\", \"columns\": [{\"name\": \"return_id\", \"type\": \"string\"}]";

  @Test
  void inlineProduct_bindings_areReadInTheOrderWritten() {
    Read read = json("{\"subject\": {\"id\": \"ann\"}, \"product\": {" + RETURNS_METADATA
        + ", \"bindings\": {\"trino\": \"memory.shop.returns\", \"postgresql\": \"shop.returns\"}}}");
    assertEquals(List.of(), read.problems());
    DataProduct inline = read.request().inlineProduct();
    assertEquals(List.of("trino", "postgresql"), List.copyOf(inline.bindings().keySet()));
    assertEquals("shop.returns", inline.binding("postgresql").orElseThrow());
  }

  @Test
  void inlineProduct_emptyBindings_meanNone() {
    Read read = json("{\"subject\": {\"id\": \"ann\"}, \"product\": {" + RETURNS_METADATA + ", \"bindings\": {}}}");
    assertEquals(List.of(), read.problems());
    assertEquals(Map.of(), read.request().inlineProduct().bindings());
  }

  @Test
  void inlineProduct_badBindings_areCheckedAsInABundle() {
    Read read = json("{\"subject\": {\"id\": \"ann\"}, \"product\": {" + RETURNS_METADATA
        + ", \"bindings\": {\"postgres\": \"shop.returns\", \"spark\": 7, \"trino\": \"memory..returns\"}}}");
    assertProblems(read,
        "1:225: unknown key 'postgres' in 'bindings' [unknown-key] help: did you mean 'postgresql'?",
        "1:262: 'spark' of 'bindings' must be a string, not a number (7) [wrong-type] help: write it as a string: \"7\"",
        "1:274: the trino binding 'memory..returns' is not a table name: a part is empty [invalid-name] "
            + "help: write table, schema.table or catalog.schema.table, e.g. finance.invoice_payments");
  }

  /** A catalog id with other tables would have SQL read another table under the catalog product's name. */
  @Test
  void inlineProduct_catalogIdWithOtherBindings_shadowsTheCatalog() {
    String orders = "\"metadata\": {\"id\": \"shop.orders\", \"domain\": \"shop\", \"owner\": \"shop@example.com\", "
        + "\"version\": \"1.0.0\"}, \"classification\": \"internal\", \"columns\": [{\"name\": \"order_id\", "
        + "\"type\": \"string\"}, {\"name\": \"region\", \"type\": \"string\"}, {\"name\": \"email\", \"type\": \"string\"}]";
    Read same = json("{\"subject\": {\"id\": \"ann\"}, \"product\": {" + orders + "}}");
    assertEquals(List.of(), same.problems());
    Read rebound = json("{\"subject\": {\"id\": \"ann\"}, \"product\": {" + orders
        + ", \"bindings\": {\"postgresql\": \"shop.orders_copy\"}}}");
    assertEquals(List.of("inline-shadows-catalog"), rebound.problems().stream().map(Problem::code).toList());
    assertNull(rebound.request());
  }
}
