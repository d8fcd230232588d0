package io.meshgov.sql.it.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgov.api.Column;
import io.meshgov.engine.audit.InMemoryAuditSink;
import io.meshgov.samples.embedded.Caller;
import io.meshgov.samples.embedded.EmbeddedService;
import io.meshgov.samples.embedded.GovernedView;
import io.meshgov.sql.it.Cells;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Trino 476 whose access control is {@code governance serve}: three users of the shipped
 * subjects file query the shipped sample data through Trino's JDBC driver and see exactly what
 * the embedded-service sample prints for them.
 */
@ExtendWith(GovernedTrinoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoGovernedByMeshgovTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path POLICIES = Path.of(System.getProperty("meshgov.policies", "../policies"));

  private final GovernedTrino governed;
  private EmbeddedService sample;

  TrinoGovernedByMeshgovTest(GovernedTrino governed) {
    this.governed = governed;
  }

  /** The rows are loaded before any mask applies: as the loader, whom no rule permits to read. */
  @BeforeAll
  void loadTheSampleData() {
    sample = EmbeddedService.open(POLICIES, new InMemoryAuditSink());
    governed.as(GovernedTrino.LOADER, "finance").createTable("invoice_payments", sample.product().columns(),
        GovernedTrino.rowsOf(sample));

    List<Column> wide = new ArrayList<>();
    List<Object> wideRow = new ArrayList<>();
    for (int i = 1; i <= GovernedTrino.WIDE_COLUMNS; i++) {
      wide.add(Column.of(String.format("c%03d", i), io.meshgov.api.ColumnType.STRING));
      wideRow.add("v" + i + "@example.com");
    }
    governed.as(GovernedTrino.LOADER, "finance").createTable("wide_ledger", wide, List.of(wideRow, wideRow));
  }

  @Test
  void eachUserSeesExactlyWhatTheEmbeddedSamplePrints() {
    for (Caller caller : EmbeddedService.callers()) {
      GovernedView view = sample.read(caller);
      String user = caller.subject().id();
      if (view.columns().isEmpty()) {
        continue;
      }
      String sql = "SELECT " + String.join(", ", view.columns()) + " FROM memory.finance.invoice_payments";
      List<List<String>> expected = new ArrayList<>();
      for (Map<String, Object> row : view.rows()) {
        List<Object> cells = new ArrayList<>();
        for (String column : view.columns()) {
          cells.add(row.get(column));
        }
        expected.add(Cells.row(cells));
      }
      List<List<String>> actual = new ArrayList<>();
      for (List<Object> row : governed.as(user, "finance").query(sql, List.of())) {
        actual.add(Cells.row(row));
      }
      sort(expected);
      sort(actual);
      assertFalse(expected.isEmpty(), user + " sees some rows in the sample");
      assertEquals(expected, actual, user + " (" + caller.label() + ") through Trino");
    }
  }

  @Test
  void aDeniedUserGetsTrinosAccessDenied() {
    Caller denied = EmbeddedService.callers().stream().filter(c -> sample.read(c).columns().isEmpty())
        .findFirst().orElseThrow(() -> new AssertionError("the sample has a denied caller"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> governed.as(denied.subject().id(), "finance")
        .query("SELECT invoice_id FROM memory.finance.invoice_payments", List.of()));
    assertTrue(e.getMessage().contains("Access Denied"), e.getMessage());
  }

  @Test
  void aDeniedColumnCannotBeSelectedEvenWhenTheTableCan() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> governed.as("alice", "finance")
        .query("SELECT invoice_id, credit_risk_score FROM memory.finance.invoice_payments", List.of()));
    assertTrue(e.getMessage().contains("Access Denied: Cannot select from columns"), e.getMessage());
  }

  @Test
  void showTablesListsOnlyWhatTheUserMayRead() {
    assertEquals(List.of("invoice_payments", "wide_ledger"), tables("alice"));
    assertEquals(List.of(), tables("carol"));
    assertEquals(List.of(), tables("somebody-unknown"));
  }

  @Test
  void aWideTablesMasksComeInOneCallAndOneDecision() throws Exception {
    double maskCalls = metric("meshgov_http_requests_total", "route=\"/trino/batchColumnMasks\"");
    long audited = auditRecords(GovernedTrino.WIDE_PRODUCT, "bob");
    List<List<Object>> rows = governed.as("bob", "finance").query("SELECT * FROM memory.finance.wide_ledger", List.of());
    assertEquals(2, rows.size());
    assertEquals(GovernedTrino.WIDE_COLUMNS, rows.get(0).size());
    assertEquals(1.0, metric("meshgov_http_requests_total", "route=\"/trino/batchColumnMasks\"") - maskCalls,
        "one batch of masks for 250 columns");
    assertEquals(1, auditRecords(GovernedTrino.WIDE_PRODUCT, "bob") - audited, "one decision, audited once");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private List<String> tables(String user) {
    List<String> names = new ArrayList<>();
    for (List<Object> row : governed.as(user, "finance").query("SHOW TABLES FROM memory.finance", List.of())) {
      names.add((String) row.get(0));
    }
    names.sort(null);
    return names;
  }

  private long auditRecords(String product, String subject) throws IOException {
    if (!Files.exists(governed.audit)) {
      return 0;
    }
    long count = 0;
    for (String line : Files.readAllLines(governed.audit)) {
      JsonNode record = JSON.readTree(line);
      if (line.contains("\"" + product + "\"") && record.toString().contains("\"" + subject + "\"")) {
        count++;
      }
    }
    return count;
  }

  /** The sum of a Prometheus counter's series whose labels contain {@code labels}. */
  private double metric(String name, String labels) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(governed.meshgov.url() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    double sum = 0;
    Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(response.body());
    while (line.find()) {
      if (line.group(1).contains(labels)) {
        sum += Double.parseDouble(line.group(2));
      }
    }
    return sum;
  }

  private static void sort(List<List<String>> rows) {
    rows.sort((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
  }

}
