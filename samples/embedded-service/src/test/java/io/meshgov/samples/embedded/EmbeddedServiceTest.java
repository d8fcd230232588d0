package io.meshgov.samples.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.Effect;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.RuleReference;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the sample against the shipped bundle ({@code policies/} at the repository root). */
class EmbeddedServiceTest {
  private static InMemoryAuditSink audit;
  private static EmbeddedService service;
  private static GovernedView analyst;
  private static GovernedView investigator;
  private static GovernedView contractor;

  @BeforeAll
  static void readAsEveryCaller() {
    audit = new InMemoryAuditSink();
    service = EmbeddedService.open(policies(), audit);
    List<Caller> callers = EmbeddedService.callers();
    analyst = service.read(callers.get(0));
    investigator = service.read(callers.get(1));
    contractor = service.read(callers.get(2));
  }

  @AfterAll
  static void close() {
    service.close();
  }

  private static Path policies() {
    String configured = System.getProperty("meshgov.policies");
    Path path = Path.of(configured != null ? configured : "../../policies");
    assertTrue(Files.isDirectory(path), "no policy bundle at " + path.toAbsolutePath());
    return path;
  }

  private static Map<String, Object> row(GovernedView view, String invoiceId) {
    for (Map<String, Object> row : view.rows()) {
      if (invoiceId.equals(row.get("invoice_id"))) {
        return row;
      }
    }
    throw new AssertionError(invoiceId + " is not visible; visible: " + invoiceIds(view));
  }

  private static List<Object> invoiceIds(GovernedView view) {
    List<Object> ids = new ArrayList<>();
    view.rows().forEach(row -> ids.add(row.get("invoice_id")));
    return ids;
  }

  @Test
  void sampleRows_parsedIntoColumnTypes() {
    Map<String, Object> first = service.rows().get(0);
    assertEquals(13, service.rows().size());
    assertEquals("INV-2016-0412", first.get("invoice_id"));
    assertEquals(new BigDecimal("1250.00"), first.get("amount"));
    assertEquals(Boolean.TRUE, first.get("paid"));
    assertEquals(640L, first.get("credit_risk_score"));
    assertEquals(LocalDate.of(2016, 12, 1), first.get("booking_date"));
    assertEquals(Instant.parse("2016-12-15T09:30:00Z"), first.get("settled_at"));
  }

  @Test
  void sampleRows_emptyFieldIsNull() {
    Map<String, Object> open = service.rows().get(8);
    assertEquals("INV-2024-0802", open.get("invoice_id"));
    assertTrue(open.containsKey("settled_at"));
    assertNull(open.get("settled_at"));
  }

  @Test
  void sampleRows_unknownColumn_rejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleRows.read(
        new StringReader("invoice_id,iban\nINV-1,DE00\n"), "bad.csv", service.product()));
    assertEquals("bad.csv:1: 'iban' is not a column of finance.invoice_payments", e.getMessage());
  }

  @Test
  void sampleRows_badValue_namesLineAndColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleRows.read(
        new StringReader("invoice_id,paid\nINV-1,yes\n"), "bad.csv", service.product()));
    assertEquals("bad.csv:2: column paid (boolean): 'yes' is not true or false", e.getMessage());
  }

  @Test
  void analyst_permitted() {
    assertEquals(Effect.PERMIT, analyst.decision().effect());
    assertEquals(List.of(new RuleReference("global.access/permit-domain-members", "1.0.0")),
        List.of(analyst.decision().reasons().get(0).rule()));
  }

  @Test
  void analyst_creditRiskScore_deniedAndAbsent() {
    assertEquals(ColumnEffect.DENY, analyst.decision().column("credit_risk_score").effect());
    assertEquals(List.of("invoice_id", "customer_name", "customer_email", "card_number", "amount", "currency",
        "region", "booking_date"), analyst.columns());
    for (Map<String, Object> row : analyst.rows()) {
      assertFalse(row.containsKey("credit_risk_score"), row.toString());
    }
  }

  @Test
  void analyst_email_keepsDomainOnly() {
    assertEquals(MaskMethod.EMAIL, analyst.decision().column("customer_email").mask().method());
    assertEquals("****@example.fr", row(analyst, "INV-2019-0021").get("customer_email"));
  }

  @Test
  void analyst_missingEmail_staysNull() {
    Map<String, Object> row = row(analyst, "INV-2026-0611");
    assertTrue(row.containsKey("customer_email"));
    assertNull(row.get("customer_email"));
  }

  @Test
  void analyst_nameAndCard_redacted() {
    Map<String, Object> row = row(analyst, "INV-2022-1310");
    assertEquals("****", row.get("customer_name"));
    // finance.card-data 2.0.0 (in force from 2026-07-01) redacts; it beats the council's last-four mask.
    assertEquals("****", row.get("card_number"));
    assertEquals("finance.card-data/card-numbers-stay-masked",
        analyst.decision().column("card_number").rule().id());
  }

  @Test
  void analyst_unmaskedColumns_keepTheirValues() {
    Map<String, Object> row = row(analyst, "INV-2022-1310");
    assertEquals(new BigDecimal("2375.40"), row.get("amount"));
    assertEquals(LocalDate.of(2022, 12, 13), row.get("booking_date"));
  }

  @Test
  void analyst_seesOnlyEuRowsWithinRetention() {
    // EU rows booked before the P8Y cutoff (2018-11-24) are gone: INV-2016-0412, INV-2018-0733.
    assertEquals(List.of("INV-2019-0021", "INV-2022-1310", "INV-2025-0130", "INV-2026-0611"), invoiceIds(analyst));
  }

  @Test
  void analyst_retentionCutoff_atMinusFinanceMaximum() {
    assertEquals(Instant.parse("2018-11-24T10:00:00Z"), analyst.decision().retention().cutoff());
    assertTrue(analyst.decision().rowFilters().stream().anyMatch(f -> f.rule().equals(RuleReference.RETENTION)));
  }

  @Test
  void investigator_emailInClear_allRegions_oldRowsFilteredOut() {
    assertEquals(Effect.PERMIT, investigator.decision().effect());
    assertEquals(ColumnEffect.ALLOW, investigator.decision().column("customer_email").effect());
    assertEquals("wei.chen@example.sg", row(investigator, "INV-2025-1021").get("customer_email"));
    assertEquals("****", row(investigator, "INV-2025-1021").get("customer_name"));
    List<Object> ids = invoiceIds(investigator);
    assertEquals(10, ids.size(), ids.toString());
    assertFalse(ids.contains("INV-2016-0412"));
    assertFalse(ids.contains("INV-2017-1187"));
    assertFalse(ids.contains("INV-2018-0733"));
    assertTrue(ids.contains("INV-2021-0907"), "APAC row");
  }

  @Test
  void contractor_denied_seesNothing() {
    assertEquals(Effect.DENY, contractor.decision().effect());
    assertEquals("global.access/deny-contractors-confidential", contractor.decision().reasons().get(0).rule().id());
    assertTrue(contractor.columns().isEmpty());
    assertTrue(contractor.rows().isEmpty());
    assertEquals("(nothing: the request is denied)" + System.lineSeparator(), contractor.render());
  }

  @Test
  void everyRead_audited() {
    List<String> ids = new ArrayList<>();
    for (AuditRecord record : audit.records()) {
      ids.add(record.decisionId());
    }
    assertTrue(ids.contains(analyst.decision().decisionId()));
    assertTrue(ids.contains(investigator.decision().decisionId()));
    assertTrue(ids.contains(contractor.decision().decisionId()));
  }

  @Test
  void render_alignsColumns() {
    String[] lines = analyst.render().split(System.lineSeparator());
    assertEquals(2 + 4, lines.length);
    assertTrue(lines[0].startsWith("invoice_id     customer_name  customer_email   card_number  amount"), lines[0]);
    assertTrue(lines[2].startsWith("INV-2019-0021  ****           ****@example.fr  ****         4420.00"), lines[2]);
    assertTrue(lines[4].contains(" 745.25  EUR"), "amounts right-aligned: " + lines[4]);
  }

  @Test
  void main_printsEveryCaller() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    service.printAll(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("== alice (finance analyst, EU)"), out);
    assertTrue(out.contains("denied   credit_risk_score  [finance.access/credit-risk-need-to-know]"), out);
    assertTrue(out.contains("(4 of 13 rows visible)"), out);
    assertTrue(out.contains("(10 of 13 rows visible)"), out);
    assertTrue(out.contains("effect   deny"), out);
    assertNotNull(service.bundle().digest());
  }
}
