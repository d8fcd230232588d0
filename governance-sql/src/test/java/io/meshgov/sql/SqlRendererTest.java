package io.meshgov.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.BundleInfo;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.ProductReference;
import io.meshgov.api.Reason;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape of rendered SQL; what it computes is proven on real engines in governance-sql-it. */
class SqlRendererTest {
  private static final RuleReference RULE = RuleReference.of("global.pii", "mask", "1.0.0");
  private static final DataProduct PRODUCT = new DataProduct("finance.invoices", "finance", "o@example.com", "1.0.0",
      Classification.INTERNAL, List.of(), List.of(
          Column.of("id", ColumnType.STRING),
          Column.of("email", ColumnType.STRING),
          Column.of("score", ColumnType.INTEGER),
          Column.of("booked", ColumnType.DATE)),
      Map.of("postgresql", "finance.invoices"));

  private static Decision permit(List<ColumnDecision> columns, List<RowFilter> filters) {
    return new Decision("d1", Effect.PERMIT, new ProductReference(PRODUCT.id(), PRODUCT.version()), columns, filters,
        null, List.of(), new BundleInfo("b", null, "0"), Instant.EPOCH, List.of(RULE), List.of());
  }

  private static final List<ColumnDecision> COLUMNS = List.of(
      ColumnDecision.allow("id", ColumnType.STRING),
      new ColumnDecision("email", ColumnType.STRING, ColumnEffect.MASK, Mask.of(MaskMethod.EMAIL), RULE),
      new ColumnDecision("score", ColumnType.INTEGER, ColumnEffect.DENY, null, RULE),
      new ColumnDecision("booked", ColumnType.DATE, ColumnEffect.MASK, Mask.of(MaskMethod.YEAR), RULE));

  @Test
  void selectsInDecisionOrderLeavesDeniedColumnsOutAndFiltersInTheWhereClause() {
    SqlFragment query = SqlRenderer.of(SqlDialect.TRINO).query(
        permit(COLUMNS, List.of(new RowFilter(RULE, "id.startsWith('A')"), new RowFilter(RuleReference.RETENTION,
            "booked >= timestamp('2020-01-01T00:00:00Z')"))), PRODUCT, "c.s.t");
    assertEquals("SELECT \"id\", CASE WHEN \"email\" IS NULL THEN \"email\" WHEN strpos(\"email\", '@') = 0 THEN '****'"
        + " ELSE '****@' || reverse(split_part(reverse(\"email\"), '@', 1)) END AS \"email\","
        + " CASE WHEN \"booked\" IS NULL THEN \"booked\" ELSE date_trunc('year', \"booked\") END AS \"booked\""
        + " FROM \"c\".\"s\".\"t\""
        + " WHERE starts_with(\"id\", CAST(? AS varchar))"
        + " AND (with_timezone(CAST(\"booked\" AS timestamp(0)), 'UTC') >= CAST(? AS timestamp(9) with time zone))",
        query.sql());
    assertEquals(List.of(SqlParameter.string("A"),
        new SqlParameter(ParameterType.TIMESTAMP, Instant.parse("2020-01-01T00:00:00Z"))), query.parameters());
  }

  @Test
  void rowFilterColumnsAreTheColumnsTheFiltersRead() {
    Decision decision = permit(COLUMNS, List.of(new RowFilter(RULE, "id.startsWith('A') || score > 3"),
        new RowFilter(RuleReference.RETENTION, "booked >= timestamp('2020-01-01T00:00:00Z')")));
    assertEquals(java.util.Set.of("booked", "id", "score"),
        SqlRenderer.of(SqlDialect.TRINO).rowFilterColumns(decision, PRODUCT));
    assertEquals(java.util.Set.of(), SqlRenderer.of(SqlDialect.TRINO).rowFilterColumns(permit(COLUMNS, List.of()), PRODUCT));
  }

  @Test
  void theTableComesFromTheBindingUnlessNamed() {
    Decision decision = permit(COLUMNS, List.of());
    SqlRenderer postgres = SqlRenderer.of(SqlDialect.POSTGRESQL);
    assertTrue(postgres.query(decision, PRODUCT, Rendering.BIND).sql().endsWith(" FROM \"finance\".\"invoices\""));
    IllegalArgumentException unbound = assertThrows(IllegalArgumentException.class,
        () -> SqlRenderer.of(SqlDialect.SPARK).query(decision, PRODUCT, Rendering.BIND));
    assertEquals("data product finance.invoices has no 'spark' binding: name the table", unbound.getMessage());
    assertEquals("`a`.`b c`", SqlRenderer.of(SqlDialect.SPARK).table("a.b c"));
  }

  @Test
  void aMaskCastToThePhysicalType() {
    ColumnDecision email = COLUMNS.get(1);
    assertEquals("CAST(CASE WHEN \"email\" IS NULL THEN \"email\" WHEN strpos(\"email\", '@') = 0 THEN '****'"
        + " ELSE '****@' || reverse(split_part(reverse(\"email\"), '@', 1)) END AS varchar(64))",
        SqlRenderer.of(SqlDialect.TRINO).columnMask(email, "varchar(64)", Rendering.INLINE).sql());
  }

  /** A value no longer than showFirst + showLast is masked whole; past an int's range that is every value. */
  @Test
  void shownCountsBeyondAnIntStayAnInt() {
    ColumnDecision huge = new ColumnDecision("id", ColumnType.STRING, ColumnEffect.MASK,
        new Mask(MaskMethod.PARTIAL, Map.of("showFirst", Integer.MAX_VALUE, "showLast", Integer.MAX_VALUE)), RULE);
    String sql = SqlRenderer.of(SqlDialect.POSTGRESQL).columnMask(huge, Rendering.INLINE).sql();
    assertTrue(sql.contains("char_length(\"id\") <= 2147483647 THEN"), sql);
  }

  @Test
  void theSaltIsAParameterAndNeverInTheText() {
    ColumnDecision hashed = new ColumnDecision("id", ColumnType.STRING, ColumnEffect.MASK,
        new Mask(MaskMethod.HASH, Map.of("salt", "s3cret")), RULE);
    for (SqlDialect dialect : SqlDialect.values()) {
      SqlFragment mask = SqlRenderer.of(dialect).columnMask(hashed, Rendering.BIND);
      assertTrue(!mask.sql().contains("s3cret"), mask.sql());
      assertEquals(List.of(SqlParameter.string("s3cret")), mask.parameters());
    }
  }

  @Test
  void whatHasNoSqlIsRefusedWithTheReason() {
    SqlRenderer renderer = SqlRenderer.of(SqlDialect.POSTGRESQL);
    Decision deny = new Decision("d2", Effect.DENY, new ProductReference(PRODUCT.id(), PRODUCT.version()), List.of(),
        List.of(), null, List.of(new Reason(RuleReference.NO_PERMIT, Effect.DENY, "no rule permits")),
        new BundleInfo("b", null, "0"), Instant.EPOCH, List.of(), List.of());
    assertEquals("decision d2 is a deny: there is no SQL to run",
        assertThrows(IllegalArgumentException.class, () -> renderer.query(deny, PRODUCT, "t")).getMessage());
    Decision nothingVisible = permit(List.of(new ColumnDecision("score", ColumnType.INTEGER, ColumnEffect.DENY, null, RULE)),
        List.of());
    assertEquals("decision d1 leaves no column of finance.invoices visible: there is nothing to select",
        assertThrows(IllegalArgumentException.class, () -> renderer.query(nothingVisible, PRODUCT, "t")).getMessage());
    DataProduct other = new DataProduct("finance.other", "finance", "o@example.com", "1.0.0",
        Classification.INTERNAL, List.of(), PRODUCT.columns());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> renderer.query(permit(COLUMNS, List.of()), other, "t"))
        .getMessage().contains("is about finance.invoices, not finance.other"));
    assertThrows(IllegalArgumentException.class, () -> renderer.table("a..b"));
    assertThrows(IllegalArgumentException.class, () -> renderer.table("a.b.c.d"));
    assertThrows(IllegalArgumentException.class, () -> renderer.table(" a"));
  }

  @Test
  void aFilterOutsideTheExactSubsetIsRefused() {
    SqlRenderer renderer = SqlRenderer.of(SqlDialect.POSTGRESQL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> renderer.rowFilter(
        permit(COLUMNS, List.of(new RowFilter(RULE, "booked > timestamp(id)"))), PRODUCT, Rendering.BIND));
    assertTrue(e.getMessage().contains("timestamp() of anything but a string literal has no exact SQL translation"),
        e.getMessage());
  }

  @Test
  void integerArithmeticIsGuardedAgainstOverflowAndDivisionByZero() {
    String sql = SqlRenderer.of(SqlDialect.SPARK).rowFilter(permit(COLUMNS, List.of(new RowFilter(RULE,
        "score / 2 > 1"))), PRODUCT, Rendering.INLINE).orElseThrow().sql();
    assertEquals("((CASE WHEN CAST(2 AS BIGINT) = 0 OR (`score` = -9223372036854775808 AND CAST(2 AS BIGINT) = -1)"
        + " THEN NULL ELSE (`score` div CAST(2 AS BIGINT)) END) > CAST(1 AS BIGINT))", sql);
  }
}
