package io.meshgov.cli.retention;

import io.meshgov.api.DataProduct;
import io.meshgov.api.RetentionJob;
import io.meshgov.sql.RetentionStatements;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the retention job does to one catalog product (docs/retention.md): the statements when rows
 * are due, or why nothing is done.
 *
 * @param job the engine's retention job for the product
 * @param table the product's table in the plan's dialect, null without a binding
 * @param archiveTable the archive table ({@code <dialect>-archive} binding), if the product has one
 * @param statements the SQL, present exactly when {@code status} is {@link Status#DUE}
 * @param error why a due job cannot be carried out, present exactly when {@code status} is {@link Status#ERROR}
 */
public record ProductPlan(
    DataProduct product,
    RetentionJob job,
    Status status,
    @Nullable String table,
    @Nullable String archiveTable,
    @Nullable RetentionStatements statements,
    @Nullable String error) {

  /** The outcome of planning one product, in the order {@link RetentionPlanner} checks them. */
  public enum Status {
    /** No table bound in the plan's dialect: the job cannot reach the rows. */
    NO_BINDING,
    /** No retention rule applies. */
    NO_RETENTION,
    /** A legal hold removes the maximum. */
    LEGAL_HOLD,
    /** The minimum reaches back further than the maximum: nothing is deleted early. */
    CONFLICT,
    /** Retention rules apply, but none sets a maximum. */
    NO_MAXIMUM,
    /** Rows are due: {@code statements} carry the job out. */
    DUE,
    /** Rows are due, but the job cannot be carried out (an archive without an archive table, say). */
    ERROR;

    /** {@code no-binding}, {@code legal-hold}, …: the name in JSON output. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public ProductPlan {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(status, "status");
    if ((status == Status.DUE) != (statements != null)) {
      throw new IllegalArgumentException("statements are present exactly for a due product");
    }
    if ((status == Status.ERROR) != (error != null)) {
      throw new IllegalArgumentException("an error is present exactly for a product in error");
    }
  }

  /** {@code <id>@<version>}, as the plan and the apply report name products. */
  public String name() {
    return product.id() + "@" + product.version();
  }
}
