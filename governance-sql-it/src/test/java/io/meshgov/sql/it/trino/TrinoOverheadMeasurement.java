package io.meshgov.sql.it.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.Column;
import io.meshgov.engine.audit.InMemoryAuditSink;
import io.meshgov.samples.embedded.EmbeddedService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a test but a measurement, run on demand: the same query, alternately on a Trino with its
 * default (allow-all) access control and on the Trino governed by meshgov, and the ratio of their
 * median latencies. Nothing is asserted about time (docs/performance.md has the figures).
 *
 * <pre>
 * mvn -B -ntp -pl governance-sql-it -am verify -Dtest=TrinoOverheadMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmeshgov.measure=true
 * </pre>
 */
@ExtendWith({TrinoExtension.class, GovernedTrinoExtension.class})
@EnabledIfSystemProperty(named = "meshgov.measure", matches = "true")
class TrinoOverheadMeasurement {
  private static final Path POLICIES = Path.of(System.getProperty("meshgov.policies", "../policies"));
  private static final String QUERY =
      "SELECT invoice_id, customer_email, card_number, amount, region FROM memory.finance.invoice_payments";
  private static final int ROUNDS = 200;

  @Test
  void governedVersusAllowAll(TrinoEngine allowAll, GovernedTrino governed) {
    EmbeddedService sample = EmbeddedService.open(POLICIES, new InMemoryAuditSink());
    List<List<Object>> rows = GovernedTrino.rowsOf(sample);
    List<Column> columns = sample.product().columns();
    new TrinoEngine(governed.trino.jdbcUrl(GovernedTrino.LOADER), "finance")
        .createTable("invoice_payments", columns, rows);
    TrinoEngine plain = new TrinoEngine(allowAll.jdbcUrl(), "finance");
    plain.createTable("invoice_payments", columns, rows);
    TrinoEngine bob = governed.as("bob", "finance");

    long[] plainNanos = new long[ROUNDS];
    long[] governedNanos = new long[ROUNDS];
    for (int i = -20; i < ROUNDS; i++) {
      long start = System.nanoTime();
      int plainRows = plain.query(QUERY, List.of()).size();
      long middle = System.nanoTime();
      int governedRows = bob.query(QUERY, List.of()).size();
      long end = System.nanoTime();
      assertEquals(rows.size(), plainRows);
      if (i >= 0) {
        plainNanos[i] = middle - start;
        governedNanos[i] = end - middle;
      }
      assertEquals(true, governedRows > 0);
    }
    Arrays.sort(plainNanos);
    Arrays.sort(governedNanos);
    double plainMedian = plainNanos[ROUNDS / 2] / 1e6;
    double governedMedian = governedNanos[ROUNDS / 2] / 1e6;
    System.out.printf(Locale.ROOT, "Trino query, %d rounds alternating: allow-all median %.1f ms (p90 %.1f),"
            + " governed by meshgov median %.1f ms (p90 %.1f): ratio %.2f%n",
        ROUNDS, plainMedian, plainNanos[ROUNDS * 9 / 10] / 1e6, governedMedian, governedNanos[ROUNDS * 9 / 10] / 1e6,
        governedMedian / plainMedian);
  }
}
