package io.meshgov.cli.retention;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code retention apply} did to one product.
 *
 * @param rows the rows deleted, archived or anonymized; for a dry run the rows that would be; 0
 *     when nothing was due or the product failed
 * @param error why the product failed (its transaction rolled back), null otherwise
 */
public record ProductOutcome(ProductPlan plan, Result result, long rows, @Nullable String error) {

  /** How one product ended. */
  public enum Result {
    /** Nothing was due: no statement ran. */
    NOTHING_DUE,
    /** The statements ran and committed. */
    DONE,
    /** Dry run: the count ran, in a read-only transaction rolled back. */
    COUNTED,
    /** Planning or a statement failed: nothing of the product changed. */
    FAILED,
    /**
     * The statements committed, but the audit record could not be written: the run stops here,
     * so that nothing more changes without a record.
     */
    DONE_NOT_AUDITED
  }

  public ProductOutcome {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(result, "result");
    boolean erred = result == Result.FAILED || result == Result.DONE_NOT_AUDITED;
    if (erred != (error != null)) {
      throw new IllegalArgumentException("an error is present exactly for a failed or unaudited product");
    }
  }
}
