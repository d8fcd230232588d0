package io.meshgov.engine.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.Effect;
import io.meshgov.engine.json.AuditRecordJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRecordJsonTest {

  /**
   * The fields of docs/audit-format.md, then docs/opa.md's {@code opa} (written only when OPA-backed
   * sets were consulted), then a retention execution's {@code cutoff} and {@code rows}.
   */
  private static final List<String> DOCUMENTED_FIELDS =
      List.of(
          "decisionId",
          "time",
          "subject",
          "product",
          "productVersion",
          "action",
          "purpose",
          "effect",
          "columns",
          "rules",
          "bundleDigest",
          "latencyMicros",
          "opa",
          "cutoff",
          "rows");

  @Test
  void toJsonLine_permit_isExactSpecLine() {
    assertEquals(SampleRecords.PERMIT_LINE, AuditRecordJson.toJsonLine(SampleRecords.permit()));
  }

  @Test
  void toJsonLine_deny_isExactSpecLine() {
    assertEquals(
        "{\"decisionId\":\"d-9\",\"time\":\"2026-11-24T10:00:01Z\",\"subject\":\"bob\","
            + "\"product\":\"payments\",\"productVersion\":\"1.2.0\",\"action\":\"read\","
            + "\"purpose\":\"marketing\",\"effect\":\"deny\",\"columns\":{},\"rules\":[],"
            + "\"bundleDigest\":\"sha256:ab12\",\"latencyMicros\":7}",
        AuditRecordJson.toJsonLine(SampleRecords.deny("d-9")));
  }

  @Test
  void toJsonLine_anyRecord_hasExactlySpecFieldsInSpecOrder() throws Exception {
    for (AuditRecord record : List.of(SampleRecords.permit(), SampleRecords.deny("d-2"))) {
      JsonNode node = new ObjectMapper().readTree(AuditRecordJson.toJsonLine(record));
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      // without OPA-backed sets consulted, the line is exactly the documented fields
      assertEquals(DOCUMENTED_FIELDS.subList(0, DOCUMENTED_FIELDS.indexOf("opa")), names);
    }
  }

  @Test
  void toJsonLine_withOpa_appendsOpaEntriesAndReadsBack() throws Exception {
    AuditRecord plain = SampleRecords.permit();
    AuditRecord record = new AuditRecord(plain.decisionId(), plain.time(), plain.subject(), plain.product(),
        plain.productVersion(), plain.action(), plain.purpose(), plain.effect(), plain.columns(), plain.rules(),
        plain.bundleDigest(), plain.latencyMicros(),
        List.of(new io.meshgov.api.OpaConsultation("finance.fraud", "1.0.0", "opa-42", false, false, null),
            new io.meshgov.api.OpaConsultation("global.sanctions", "2.0.0", null, false, false, "OPA timed out")));
    String line = AuditRecordJson.toJsonLine(record);
    assertTrue(line.endsWith(",\"opa\":[{\"policySet\":\"finance.fraud\",\"version\":\"1.0.0\",\"decisionId\":\"opa-42\","
        + "\"cached\":false,\"stale\":false},{\"policySet\":\"global.sanctions\",\"version\":\"2.0.0\","
        + "\"decisionId\":null,\"cached\":false,\"stale\":false,\"error\":\"OPA timed out\"}]}"), line);
    assertEquals(record, AuditRecordJson.fromJsonLine(line));
  }

  @Test
  void toJsonLine_retentionExecution_appendsCutoffAndRowsAndReadsBack() {
    AuditRecord record = new AuditRecord("d-r", Instant.parse("2026-12-06T02:00:00Z"), "meshgov-retention",
        "finance.general_ledger", "1.0.0", "retention:archive", "retention", Effect.PERMIT, Map.of(),
        List.of("finance.retention/ledger-archive@1.0.0"), "sha256:ab12", 1200, List.of(),
        Instant.parse("2016-12-06T02:00:00Z"), 4711L);
    String line = AuditRecordJson.toJsonLine(record);
    assertTrue(line.endsWith(",\"latencyMicros\":1200,\"cutoff\":\"2016-12-06T02:00:00Z\",\"rows\":4711}"), line);
    assertEquals(record, AuditRecordJson.fromJsonLine(line));
  }

  @Test
  void fromJsonLine_negativeRows_isRejected() {
    String line = AuditRecordJson.toJsonLine(SampleRecords.permit());
    String negative = line.substring(0, line.length() - 1) + ",\"rows\":-1}";
    assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(negative));
  }

  @Test
  void fields_matchSpecAndRecordComponents() {
    assertEquals(DOCUMENTED_FIELDS, AuditRecordJson.FIELDS);
    // No component can carry attribute or data values: the record has exactly the documented fields.
    List<String> components = new ArrayList<>();
    for (var component : AuditRecord.class.getRecordComponents()) {
      components.add(component.getName());
    }
    assertEquals(DOCUMENTED_FIELDS, components);
  }

  @Test
  void toJsonLine_columns_keepRecordOrder() throws Exception {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("zeta", "allow");
    columns.put("alpha", "mask:hash");
    columns.put("mid", "deny");
    AuditRecord record = withColumns(columns);

    JsonNode node = new ObjectMapper().readTree(AuditRecordJson.toJsonLine(record));
    List<String> names = new ArrayList<>();
    node.get("columns").fieldNames().forEachRemaining(names::add);

    assertEquals(List.of("zeta", "alpha", "mid"), names);
  }

  @Test
  void toJsonLine_newlinesAndQuotesInValues_areEscapedOnOneLine() {
    AuditRecord record =
        new AuditRecord(
            "d-\n1",
            Instant.parse("2026-11-24T10:00:00Z"),
            "eve\r\n{\"x\":1}",
            "p",
            "1",
            "read",
            "why\u2028not",
            Effect.DENY,
            Map.of(),
            List.of(),
            "sha256:00",
            0,
            List.of());

    String line = AuditRecordJson.toJsonLine(record);

    assertFalse(line.contains("\n"));
    assertFalse(line.contains("\r"));
    assertEquals(record, AuditRecordJson.fromJsonLine(line));
  }

  @Test
  void fromJsonLine_ofToJsonLine_roundTrips() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("naïve", "mask:partial");
    columns.put("b", "allow");
    AuditRecord record =
        new AuditRecord(
            "018f-ç",
            Instant.parse("2026-11-24T10:00:00.123456789Z"),
            "svc:ingest",
            "payments",
            "2.0.0-rc.1",
            "export",
            "audit",
            Effect.PERMIT,
            columns,
            List.of("a/b@1"),
            "sha256:ff",
            Long.MAX_VALUE,
            List.of());

    String line = AuditRecordJson.toJsonLine(record);
    AuditRecord back = AuditRecordJson.fromJsonLine(line);

    assertEquals(record, back);
    assertEquals(List.of("naïve", "b"), new ArrayList<>(back.columns().keySet()));
    assertEquals(line, AuditRecordJson.toJsonLine(back));
  }

  @Test
  void fromJsonLine_permitLine_readsEveryField() {
    assertEquals(SampleRecords.permit(), AuditRecordJson.fromJsonLine(SampleRecords.PERMIT_LINE));
  }

  @Test
  void toJsonLineBytes_permit_isUtf8LineWithNewline() {
    assertEquals(
        SampleRecords.PERMIT_LINE + "\n",
        new String(
            AuditRecordJson.toJsonLineBytes(SampleRecords.permit()),
            java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void fromJsonLine_missingField_namesIt() {
    String line = SampleRecords.PERMIT_LINE.replace("\"purpose\":\"fraud-investigation\",", "");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(line));
    assertEquals("audit line lacks field 'purpose'", e.getMessage());
  }

  @Test
  void fromJsonLine_extraField_isRejected() {
    String line =
        SampleRecords.PERMIT_LINE.replace(
            "{\"decisionId\"", "{\"email\":\"a@b\",\"decisionId\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(line));
    assertEquals(
        "audit line has unknown field 'email'; an audit record has only decisionId, time, "
            + "subject, product, productVersion, action, purpose, effect, columns, rules, "
            + "bundleDigest, latencyMicros, opa, cutoff, rows",
        e.getMessage());
  }

  @Test
  void fromJsonLine_unknownEffect_isRejected() {
    String line = SampleRecords.PERMIT_LINE.replace("\"permit\"", "\"PERMIT\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(line));
    assertEquals(
        "audit line field 'effect' must be 'permit' or 'deny', was 'PERMIT'", e.getMessage());
  }

  @Test
  void fromJsonLine_badTime_isRejected() {
    String line = SampleRecords.PERMIT_LINE.replace("2026-11-24T10:00:00Z", "2026-11-24 10:00");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(line));
    assertEquals(
        "audit line field 'time' must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, "
            + "was '2026-11-24 10:00'",
        e.getMessage());
  }

  @Test
  void fromJsonLine_fractionalLatency_isRejected() {
    String line =
        SampleRecords.PERMIT_LINE.replace("\"latencyMicros\":42", "\"latencyMicros\":4.2");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(line));
    assertEquals(
        "audit line field 'latencyMicros' must be a whole number of microseconds", e.getMessage());
  }

  @Test
  void fromJsonLine_duplicateField_isRejected() {
    String line =
        SampleRecords.PERMIT_LINE.replace(
            "{\"decisionId\":\"d-1\"", "{\"decisionId\":\"d-0\",\"decisionId\":\"d-1\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(line));
    assertEquals("audit line is not valid JSON: Duplicate field 'decisionId'", e.getMessage());
  }

  @Test
  void fromJsonLine_tornLine_isRejected() {
    String torn = SampleRecords.PERMIT_LINE.substring(0, 40);
    assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine(torn));
  }

  @Test
  void fromJsonLine_array_isRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditRecordJson.fromJsonLine("[1]"));
    assertEquals("audit line must be a JSON object", e.getMessage());
  }

  private static AuditRecord withColumns(Map<String, String> columns) {
    AuditRecord p = SampleRecords.permit();
    return new AuditRecord(
        p.decisionId(), p.time(), p.subject(), p.product(), p.productVersion(), p.action(),
        p.purpose(), p.effect(), columns, p.rules(), p.bundleDigest(), p.latencyMicros(), p.opa());
  }
}
