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
  private static final int LARGE_ROUNDS = 20;
  /** 200,000 invoices in the product's column order, half of them EU: a read where rows cost something. */
  private static final String LOAD_LARGE = "INSERT INTO memory.finance.invoice_payments "
      + "SELECT 'INV-' || CAST(x * 1000 + y AS varchar), 'Name ' || CAST(y AS varchar), "
      + "'c' || CAST(x * 1000 + y AS varchar) || '@example.com', '4111111111111111', "
      + "CAST(y AS decimal(38, 9)), 'EUR', true, CAST(y AS bigint), IF(y % 2 = 0, 'EU', 'US'), "
      + "DATE '2026-01-01', DATE '2026-01-01', TIMESTAMP '2026-01-01 00:00:00.000000 UTC' "
      + "FROM UNNEST(sequence(1, 400)) AS a(x) CROSS JOIN UNNEST(sequence(1, 500)) AS b(y)";

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
    report("5-row table", plainNanos, governedNanos);

    // the same read over 200,000 more rows: the per-query cost of the access control is spread
    new TrinoEngine(governed.trino.jdbcUrl(GovernedTrino.LOADER), "finance").execute(LOAD_LARGE);
    plain.execute(LOAD_LARGE);
    long[] plainLarge = new long[LARGE_ROUNDS];
    long[] governedLarge = new long[LARGE_ROUNDS];
    for (int i = -3; i < LARGE_ROUNDS; i++) {
      long start = System.nanoTime();
      plain.query(QUERY, List.of());
      long middle = System.nanoTime();
      bob.query(QUERY, List.of());
      long end = System.nanoTime();
      if (i >= 0) {
        plainLarge[i] = middle - start;
        governedLarge[i] = end - middle;
      }
    }
    report("200,005-row table", plainLarge, governedLarge);
  }

  private static void report(String table, long[] plainNanos, long[] governedNanos) {
    int rounds = plainNanos.length;
    Arrays.sort(plainNanos);
    Arrays.sort(governedNanos);
    double plainMedian = plainNanos[rounds / 2] / 1e6;
    double governedMedian = governedNanos[rounds / 2] / 1e6;
    System.out.printf(Locale.ROOT, "Trino query on the %s, %d rounds alternating: allow-all median %.1f ms (p90 %.1f),"
            + " governed by meshgov median %.1f ms (p90 %.1f): ratio %.2f%n",
        table, rounds, plainMedian, plainNanos[rounds * 9 / 10] / 1e6, governedMedian, governedNanos[rounds * 9 / 10] / 1e6,
        governedMedian / plainMedian);
  }
}
