package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.compile.residual.ResidualFilter;

/**
 * Checks a row filter against a product described inline in a request, which the bundle could not
 * check at load. The slow path: inline products are rare and each check compiles CEL.
 */
final class InlineProducts {
  private InlineProducts() {}

  static boolean fits(ResidualFilter filter, DataProduct product) {
    for (String column : filter.columns()) {
      if (product.column(column).isEmpty()) {
        return false;
      }
    }
    return !ConditionEnvironment.filter(product.columns()).compile(filter.source()).hasError();
  }
}
