package io.meshgov.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RuleReference;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape of retention statements; what they do is proven on PostgreSQL in governance-sql-it. */
class RetentionSqlTest {
  private static final Instant AT = Instant.parse("2026-12-06T00:00:00Z");
  private static final Instant CUTOFF = Instant.parse("2019-12-06T00:00:00Z");
  private static final RuleReference RULE = RuleReference.of("global.retention", "records", "1.0.0");
  private static final DataProduct PRODUCT = new DataProduct("shop.orders", "shop", "o@example.com", "1.0.0",
      Classification.INTERNAL, List.of(), List.of(
          Column.of("order_id", ColumnType.STRING),
          Column.of("email", ColumnType.STRING),
          Column.of("order by", ColumnType.STRING),
          Column.of("ordered_on", ColumnType.DATE),
          Column.of("booked_at", ColumnType.TIMESTAMP)),
      Map.of("postgresql", "shop.orders"));

  private static RetentionJob job(RetentionAction action, String basis, List<String> anonymize) {
    return new RetentionJob(PRODUCT.id(), PRODUCT.version(), AT,
        new RetentionObligation(basis, null, Period.ofYears(7), action, CUTOFF, false, false),
        RULE, null, List.of(), anonymize, List.of(RULE));
  }

  @Test
  void delete_isTheNegatedReadFilter_withTheCutoffBound() {
    RetentionStatements sql = SqlRenderer.of(SqlDialect.POSTGRESQL)
        .retention(job(RetentionAction.DELETE, "ordered_on", List.of()), PRODUCT, "shop.orders", null, Rendering.BIND);
    String expired = "NOT (((CAST(\"ordered_on\" AS timestamp) AT TIME ZONE 'UTC') >= CAST(? AS timestamptz)))";
    assertEquals(List.of("DELETE FROM \"shop\".\"orders\" WHERE " + expired),
        sql.statements().stream().map(SqlFragment::sql).toList());
    assertEquals(List.of(new SqlParameter(ParameterType.TIMESTAMP, CUTOFF)), sql.statements().get(0).parameters());
    assertEquals("SELECT count(*) FROM \"shop\".\"orders\" WHERE " + expired, sql.countRows().sql());
    assertEquals(RetentionAction.DELETE, sql.action());
  }

  @Test
  void archive_insertsThenDeletesTheSameRows() {
    RetentionStatements sql = SqlRenderer.of(SqlDialect.TRINO).retention(job(RetentionAction.ARCHIVE, "booked_at",
        List.of()), PRODUCT, "hive.shop.orders", "hive.shop.orders_archive", Rendering.INLINE);
    String expired = "NOT ((\"booked_at\" >= TIMESTAMP '2019-12-06 00:00:00.000000000 UTC'))";
    assertEquals(List.of(
        "INSERT INTO \"hive\".\"shop\".\"orders_archive\" SELECT * FROM \"hive\".\"shop\".\"orders\" WHERE " + expired,
        "DELETE FROM \"hive\".\"shop\".\"orders\" WHERE " + expired),
        sql.statements().stream().map(SqlFragment::sql).toList());
  }

  @Test
  void anonymize_clearsOnlyRowsStillHoldingAValue_soASecondRunChangesNothing() {
    RetentionStatements sql = SqlRenderer.of(SqlDialect.SPARK).retention(
        job(RetentionAction.ANONYMIZE, "ordered_on", List.of("email", "order by")), PRODUCT, "shop.orders", null,
        Rendering.BIND);
    String predicate = "NOT ((timestamp_seconds(CAST(unix_date(`ordered_on`) AS BIGINT) * 86400) >= CAST(? AS TIMESTAMP)))"
        + " AND (`email` IS NOT NULL OR `order by` IS NOT NULL)";
    assertEquals("UPDATE `shop`.`orders` SET `email` = NULL, `order by` = NULL WHERE " + predicate,
        sql.statements().get(0).sql());
    assertEquals("SELECT count(*) FROM `shop`.`orders` WHERE " + predicate, sql.countRows().sql());
  }

  @Test
  void refuses_whatCannotBeCarriedOutExactly() {
    SqlRenderer renderer = SqlRenderer.of(SqlDialect.POSTGRESQL);
    RetentionJob held = new RetentionJob(PRODUCT.id(), PRODUCT.version(), AT,
        new RetentionObligation("ordered_on", null, null, RetentionAction.DELETE, null, false, true),
        null, null, List.of(RULE), List.of(), List.of(RULE));
    assertThrows(IllegalArgumentException.class, () -> renderer.retention(held, PRODUCT, "t", null, Rendering.BIND));
    assertThrows(IllegalArgumentException.class, () -> renderer.retention(
        job(RetentionAction.ARCHIVE, "ordered_on", List.of()), PRODUCT, "t", null, Rendering.BIND));
    assertThrows(IllegalArgumentException.class, () -> renderer.retention(
        job(RetentionAction.ARCHIVE, "ordered_on", List.of()), PRODUCT, "t", "t", Rendering.BIND));
    assertThrows(IllegalArgumentException.class, () -> renderer.retention(
        job(RetentionAction.ANONYMIZE, "ordered_on", List.of()), PRODUCT, "t", null, Rendering.BIND));
    assertThrows(IllegalArgumentException.class, () -> renderer.retention(
        job(RetentionAction.DELETE, "order_id", List.of()), PRODUCT, "t", null, Rendering.BIND));
  }
}
