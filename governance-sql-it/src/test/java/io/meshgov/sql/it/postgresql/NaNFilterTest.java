package io.meshgov.sql.it.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.BundleInfo;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.ProductReference;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlFragment;
import io.meshgov.sql.SqlRenderer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL orders a numeric or double NaN above every number and equal to itself; CEL, as IEEE
 * 754, makes every comparison with NaN false but {@code !=}. Java values cannot be NaN in a decimal
 * column, so the conformance corpus cannot hold one: this stores it directly.
 */
@ExtendWith(PostgresExtension.class)
class NaNFilterTest {
  private static final RuleReference RULE = new RuleReference("test/nan", "1.0.0");
  private static final DataProduct PRODUCT = new DataProduct("test.amounts", "test", "o@example.com", "1.0.0",
      Classification.INTERNAL, List.of(), List.of(Column.of("id", ColumnType.INTEGER), Column.of("amount", ColumnType.DECIMAL)),
      Map.of());

  @Test
  void aNaNIsNeitherAboveNorBelowNorEqualToAnything(EmbeddedPostgresServer server) throws Exception {
    try (Connection session = server.openSession(); Statement statement = session.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS nan_amounts");
      statement.execute("CREATE TABLE nan_amounts (id bigint, amount numeric)");
      statement.execute("INSERT INTO nan_amounts VALUES (1, 50), (2, 500), (3, 'NaN'), (4, NULL)");
      assertEquals(List.of(2L), ids(session, "amount > 100.0"));
      assertEquals(List.of(1L), ids(session, "amount <= 100.0"));
      assertEquals(List.of(), ids(session, "amount == amount && amount > 1000.0"));
      assertEquals(List.of(1L, 2L, 3L), ids(session, "amount != 1.5"));
      assertEquals(List.of(1L, 2L), ids(session, "amount == amount"));
    }
  }

  private static List<Long> ids(Connection session, String residual) throws Exception {
    Decision decision = new Decision("d", Effect.PERMIT, new ProductReference(PRODUCT.id(), PRODUCT.version()),
        List.of(ColumnDecision.allow("id", ColumnType.INTEGER), ColumnDecision.allow("amount", ColumnType.DECIMAL)),
        List.of(new RowFilter(RULE, residual)), null, List.of(), new BundleInfo("b", null, "0"), Instant.EPOCH,
        List.of(RULE), List.of());
    SqlFragment where = SqlRenderer.of(SqlDialect.POSTGRESQL).rowFilter(decision, PRODUCT, Rendering.INLINE).orElseThrow();
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement query = session.prepareStatement("SELECT id FROM nan_amounts WHERE " + where.sql() + " ORDER BY id");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }
}
