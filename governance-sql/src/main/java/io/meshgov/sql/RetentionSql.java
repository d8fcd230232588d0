package io.meshgov.sql;

import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The statements of a due retention job. The rows they touch are defined through the read-time
 * retention filter itself ({@code <basis> >= timestamp('<cutoff>')}, rendered by {@link FilterSql}
 * exactly as for a query), negated: {@code NOT (filter)} is TRUE exactly where the filter is FALSE.
 * So a date basis is the instant of its 00:00 UTC here as there, and a row whose basis is NULL, for
 * which the filter is NULL, is never touched.
 */
final class RetentionSql {
  private final FilterSql filters;

  RetentionSql(FilterSql filters) {
    this.filters = filters;
  }

  /** The statements before rendering: {@link SqlRenderer} writes them in the rendering asked for. */
  record Planned(RetentionAction action, List<Sql> statements, Sql countRows) {}

  Planned statements(RetentionJob job, DataProduct product, Sql table, @Nullable Sql archiveTable) {
    RetentionObligation retention = requireDue(job, product);
    RetentionAction action = Objects.requireNonNull(retention.action(), "a due retention has an action");
    Sql expired = expired(retention, product);
    switch (action) {
      case DELETE:
        return new Planned(action, List.of(delete(table, expired)), countOf(table, expired));
      case ARCHIVE:
        if (archiveTable == null) {
          throw new IllegalArgumentException("data product " + product.id() + " is archived: name its archive table");
        }
        // the archive table has the source's columns in the source's order, so SELECT * fits it
        return new Planned(action, List.of(
            Sql.of("INSERT INTO ", archiveTable, " SELECT * FROM ", table, " WHERE ", expired),
            delete(table, expired)), countOf(table, expired));
      case ANONYMIZE:
        Sql stillIdentifying = Sql.of(expired, " AND ", anyNotNull(job, product));
        return new Planned(action,
            List.of(Sql.of("UPDATE ", table, " SET ", setNull(job.anonymizeColumns()), " WHERE ", stillIdentifying)),
            countOf(table, stillIdentifying));
      default:
        throw new AssertionError(action);
    }
  }

  private static RetentionObligation requireDue(RetentionJob job, DataProduct product) {
    if (!job.productId().equals(product.id())) {
      throw new IllegalArgumentException("retention job of " + job.productId() + " given for " + product.id());
    }
    if (!job.due()) {
      throw new IllegalArgumentException("nothing is due on " + product.id() + ": no cutoff is in force");
    }
    return Objects.requireNonNull(job.retention());
  }

  /** {@code NOT (<the read-time retention filter>)}: TRUE exactly for the rows a reader no longer sees, NULL basis aside. */
  private Sql expired(RetentionObligation retention, DataProduct product) {
    String basis = Objects.requireNonNull(retention.basis(), "a due retention has a basis");
    boolean temporal = product.column(basis).map(Column::type).filter(type -> type.isTemporal()).isPresent();
    if (!temporal) {
      throw new IllegalArgumentException("retention basis '" + basis + "' is not a date or timestamp column of "
          + product.id());
    }
    // the very filter a decision carries, so both go through one translation
    RowFilter readFilter = new RowFilter(RuleReference.RETENTION, retention.cutoffFilter().orElseThrow());
    return Sql.of("NOT (", filters.predicate(readFilter, product), ")");
  }

  /** A second run finds no row left to change: only rows with an identifying value still set. */
  private static Sql anyNotNull(RetentionJob job, DataProduct product) {
    List<String> columns = job.anonymizeColumns();
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("data product " + product.id() + " is anonymized, but no column carries "
          + "one of the rule's anonymize tags");
    }
    List<Sql> notNull = new ArrayList<>();
    for (String column : columns) {
      if (product.column(column).isEmpty()) {
        throw new IllegalArgumentException("'" + column + "' is not a column of " + product.id());
      }
      notNull.add(Sql.of(Sql.identifier(column), " IS NOT NULL"));
    }
    return Sql.of("(", Sql.join(" OR ", notNull), ")");
  }

  private static Sql setNull(List<String> columns) {
    return Sql.join(", ", columns.stream().map(column -> Sql.of(Sql.identifier(column), " = NULL")).toList());
  }

  private static Sql delete(Sql table, Sql expired) {
    return Sql.of("DELETE FROM ", table, " WHERE ", expired);
  }

  private static Sql countOf(Sql table, Sql predicate) {
    return Sql.of("SELECT count(*) FROM ", table, " WHERE ", predicate);
  }
}
