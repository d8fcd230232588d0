package io.meshgov.engine.internal.validate;

import io.meshgov.api.BundleRejectedException;
import io.meshgov.api.Problem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every problem found in a bundle, and the validated bundle when there is no error. Only asking for
 * the bundle of a failed validation throws.
 */
public record ValidationResult(List<Problem> problems, @Nullable ValidatedBundle bundle) {
  public ValidationResult {
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return bundle == null;
  }

  public ValidatedBundle bundleOrThrow() {
    if (bundle == null) {
      throw new BundleRejectedException(problems);
    }
    return bundle;
  }
}
