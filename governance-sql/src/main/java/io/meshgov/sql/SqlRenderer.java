package io.meshgov.sql;

import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.RowFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Renders a permitted decision as SQL in one dialect (docs/sql.md): the query a gateway runs, or
 * the parts it needs separately, the expression of one masked column and the predicate of the row
 * filters. Every value is a bind parameter, or in {@link Rendering#INLINE} an escaped literal that
 * cannot change the SQL's structure. Immutable and thread-safe.
 *
 * <pre>{@code
 * SqlRenderer renderer = SqlRenderer.of(SqlDialect.POSTGRESQL);
 * SqlFragment query = renderer.query(decision, product, "finance.invoice_payments");
 * // query.sql(): SELECT "invoice_id", CASE WHEN ... END AS "customer_email" FROM ... WHERE ...
 * // query.parameters(): bind them in order
 * }</pre>
 */
public final class SqlRenderer {
  private final SqlDialect dialect;
  private final Dialect syntax;
  private final MaskSql masks;
  private final FilterSql filters;
  private final RetentionSql retention;

  private SqlRenderer(SqlDialect dialect) {
    this.dialect = dialect;
    this.syntax = Dialect.of(dialect);
    this.masks = new MaskSql(syntax);
    this.filters = new FilterSql(syntax);
    this.retention = new RetentionSql(filters);
  }

  public static SqlRenderer of(SqlDialect dialect) {
    return new SqlRenderer(Objects.requireNonNull(dialect, "dialect"));
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** {@link #query(Decision, DataProduct, String, Rendering)} with bind parameters. */
  public SqlFragment query(Decision decision, DataProduct product, String table) {
    return query(decision, product, table, Rendering.BIND);
  }

  /**
   * {@code SELECT} of the decision's columns in decision order (an allowed one as itself, a masked
   * one as its mask {@code AS} its name, a denied one left out) {@code FROM table WHERE} every row
   * filter, the retention cutoff among them.
   *
   * @param table a table name of one to three dot-separated parts, each quoted as an identifier
   * @throws IllegalArgumentException if the decision is a deny, is not about {@code product}, leaves
   *     no column visible, or holds a filter with no exact SQL form
   */
  public SqlFragment query(Decision decision, DataProduct product, String table, Rendering rendering) {
    requirePermitted(decision, product);
    Sql from = TableName.parse(table).sql();
    List<Sql> selected = new ArrayList<>();
    for (ColumnDecision column : decision.columns()) {
      if (column.effect() == ColumnEffect.ALLOW) {
        selected.add(Sql.identifier(column.name()));
      } else if (column.effect() == ColumnEffect.MASK) {
        selected.add(Sql.of(maskSql(column, null), " AS ", Sql.identifier(column.name())));
      }
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("decision " + decision.decisionId() + " leaves no column of "
          + product.id() + " visible: there is nothing to select");
    }
    List<Object> parts = new ArrayList<>(List.of("SELECT ", Sql.join(", ", selected), " FROM ", from));
    Optional<Sql> where = where(decision, product);
    if (where.isPresent()) {
      parts.add(" WHERE ");
      parts.add(where.get());
    }
    return render(Sql.of(parts.toArray()), rendering);
  }

  /**
   * The query on the product's table for this dialect, from its {@code bindings}.
   *
   * @throws IllegalArgumentException as {@link #query(Decision, DataProduct, String, Rendering)},
   *     or if the product has no binding for this dialect
   */
  public SqlFragment query(Decision decision, DataProduct product, Rendering rendering) {
    String table = product.binding(dialect.wireName()).orElseThrow(() -> new IllegalArgumentException(
        "data product " + product.id() + " has no '" + dialect.wireName() + "' binding: name the table"));
    return query(decision, product, table, rendering);
  }

  /**
   * The expression of one masked column, giving the value the Java mask gives, over the column
   * quoted by its own name.
   *
   * @param physicalType the column's type in the engine (e.g. {@code varchar(25)}); when given,
   *     the expression is cast to it, as engines that check a mask's type need (Trino); else the
   *     expression keeps the column's type as far as the dialect's type rules allow
   */
  public SqlFragment columnMask(ColumnDecision column, @Nullable String physicalType, Rendering rendering) {
    if (column.effect() != ColumnEffect.MASK) {
      throw new IllegalArgumentException("column " + column.name() + " is not masked but " + column.effect());
    }
    return render(maskSql(column, physicalType), rendering);
  }

  /** {@link #columnMask(ColumnDecision, String, Rendering)} without a physical type. */
  public SqlFragment columnMask(ColumnDecision column, Rendering rendering) {
    return columnMask(column, null, rendering);
  }

  /**
   * A table name of one to three dot-separated parts, {@code [catalog.][schema.]table}, each part
   * quoted as an identifier of this dialect: for a gateway that writes its own query around {@link
   * #rowFilter}.
   *
   * @throws IllegalArgumentException if a part is empty, has spaces at its ends, or there are more
   *     than three
   */
  public String table(String name) {
    return render(TableName.parse(name).sql(), Rendering.INLINE).sql();
  }

  /**
   * The predicate every visible row satisfies: each row filter, the retention cutoff among them,
   * joined by {@code AND}; empty when the decision has no row filter.
   */
  public Optional<SqlFragment> rowFilter(Decision decision, DataProduct product, Rendering rendering) {
    requirePermitted(decision, product);
    return where(decision, product).map(sql -> render(sql, rendering));
  }

  /**
   * The columns the decision's row filters (the retention cutoff among them) read: for engines
   * that check a filter's columns apart from the user's (Trino runs a filter as the identity it is
   * given, which may then read exactly these).
   */
  public java.util.Set<String> rowFilterColumns(Decision decision, DataProduct product) {
    requirePermitted(decision, product);
    java.util.Set<String> columns = new java.util.TreeSet<>();
    for (RowFilter filter : decision.rowFilters()) {
      columns.addAll(filters.columns(filter, product));
    }
    return java.util.Collections.unmodifiableSet(columns);
  }

  /**
   * The statements that carry out a due retention job on {@code table} (docs/retention.md), to be
   * run in order in one transaction: {@code delete} deletes the rows whose basis is before the
   * cutoff; {@code archive} first copies them into {@code archiveTable} (same columns, same order),
   * then deletes them; {@code anonymize} sets the job's anonymize columns to NULL in those rows that
   * still hold a value in one of them. The rows are exactly those the read-time retention filter
   * hides because their basis is before the cutoff; a row whose basis is NULL is never touched.
   * {@code countRows} counts the rows the first statement changes, for a dry run.
   *
   * @param table the product's table, one to three dot-separated parts
   * @param archiveTable the archive table, for {@code action: archive}; else ignored
   * @throws IllegalArgumentException if nothing is due ({@link RetentionJob#due()}), the job is
   *     about another product, the basis is not a date or timestamp column, an archive has no
   *     archive table, or an anonymization has no column to clear
   */
  public RetentionStatements retention(io.meshgov.api.RetentionJob job, DataProduct product, String table,
      @org.jspecify.annotations.Nullable String archiveTable, Rendering rendering) {
    if (table.equals(archiveTable)) {
      throw new IllegalArgumentException("data product " + product.id() + " would be archived into its own table " + table);
    }
    RetentionSql.Planned planned = retention.statements(job, product, TableName.parse(table).sql(),
        archiveTable == null ? null : TableName.parse(archiveTable).sql());
    List<SqlFragment> statements = new ArrayList<>();
    for (Sql statement : planned.statements()) {
      statements.add(render(statement, rendering));
    }
    return new RetentionStatements(planned.action(), statements, render(planned.countRows(), rendering));
  }

  private Sql maskSql(ColumnDecision column, @Nullable String physicalType) {
    return masks.mask(Sql.identifier(column.name()), column.type(), Objects.requireNonNull(column.mask()), physicalType);
  }

  private Optional<Sql> where(Decision decision, DataProduct product) {
    List<RowFilter> rowFilters = decision.rowFilters();
    if (rowFilters.isEmpty()) {
      return Optional.empty();
    }
    List<Sql> predicates = new ArrayList<>();
    for (RowFilter filter : rowFilters) {
      predicates.add(filters.predicate(filter, product));
    }
    return Optional.of(Sql.join(" AND ", predicates));
  }

  private SqlFragment render(Sql sql, Rendering rendering) {
    SqlWriter writer = new SqlWriter(syntax, Objects.requireNonNull(rendering, "rendering"));
    writer.write(sql);
    return writer.fragment();
  }

  private static void requirePermitted(Decision decision, DataProduct product) {
    if (!decision.isPermitted()) {
      throw new IllegalArgumentException("decision " + decision.decisionId() + " is a deny: there is no SQL to run");
    }
    if (!decision.product().id().equals(product.id())) {
      throw new IllegalArgumentException("decision " + decision.decisionId() + " is about "
          + decision.product().id() + ", not " + product.id());
    }
  }

}
