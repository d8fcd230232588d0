package io.meshgov.engine.internal.evaluate;

import io.meshgov.engine.internal.compile.CompiledBundle;
import io.meshgov.engine.internal.compile.ProductPlan;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the plan merged from a cached OPA answer and the bundle's rules, so a decision served
 * from the cache does not plan again. The answer fixes the product, action and time span (all in
 * its input); the bundle is checked by identity, so a reload plans afresh. Thread-safe: racing
 * decisions may both plan, and either result is right.
 */
public final class PlanMemo {
  private record Entry(CompiledBundle bundle, ProductPlan plan) {}

  private volatile @Nullable Entry entry;

  ProductPlan get(CompiledBundle bundle, Supplier<ProductPlan> plan) {
    Entry current = entry;
    if (current != null && current.bundle() == bundle) {
      return current.plan();
    }
    ProductPlan planned = plan.get();
    entry = new Entry(bundle, planned);
    return planned;
  }
}
