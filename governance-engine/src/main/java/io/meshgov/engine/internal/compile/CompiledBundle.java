package io.meshgov.engine.internal.compile;

import io.meshgov.api.Action;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.ValidatedBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, compiled bundle. Time is cut into spans at every {@code effective.from} and {@code
 * until}; within a span the versions in force are fixed, so each span holds a precomputed plan per
 * catalog product and action. A decision finds its span by binary search and reads its plan.
 */
public final class CompiledBundle {
  private final ValidatedBundle source;
  private final Instant[] boundaries;
  private final Span[] spans;

  CompiledBundle(ValidatedBundle source, Instant[] boundaries, Span[] spans) {
    this.source = source;
    this.boundaries = boundaries;
    this.spans = spans;
  }

  public BundleInfo info() {
    return source.info();
  }

  public Map<String, DataProduct> catalog() {
    return source.catalog();
  }

  public ValidatedBundle source() {
    return source;
  }

  /** The plan for a catalog product, or null when the product is not in the catalog. */
  public @Nullable ProductPlan plan(String productId, Action action, Instant at) {
    Map<String, ProductPlan[]> plans = span(at).plans;
    ProductPlan[] byAction = plans.get(productId);
    return byAction == null ? null : byAction[action.ordinal()];
  }

  /** A plan for a product not in the catalog (an inline product), built on the spot. */
  public ProductPlan planInline(DataProduct product, Action action, Instant at) {
    Span span = span(at);
    return Planner.plan(product, action, span.rules, span.opaSets);
  }

  /**
   * A plan for one decision: the rules in force at {@code at} and the rules OPA answers contributed,
   * merged in tie-break order, so they combine exactly as rules of the bundle.
   */
  public ProductPlan planWithContributions(DataProduct product, Action action, Instant at,
      List<CompiledRule> contributions) {
    Span span = span(at);
    List<CompiledRule> merged = new ArrayList<>(span.rules.length + contributions.size());
    merged.addAll(Arrays.asList(span.rules));
    merged.addAll(contributions);
    merged.sort(CompiledRule::tieBreak);
    return Planner.plan(product, action, merged.toArray(new CompiledRule[0]), span.opaSets);
  }

  /**
   * Every plan of a catalog product for {@code action}, one per time span: together they hold every
   * rule that can ever apply to it, whichever version is in force. Empty for an unknown product.
   */
  public List<ProductPlan> plansAcrossTime(String productId, Action action) {
    List<ProductPlan> plans = new ArrayList<>(spans.length);
    for (Span span : spans) {
      ProductPlan[] byAction = span.plans.get(productId);
      if (byAction != null) {
        plans.add(byAction[action.ordinal()]);
      }
    }
    return plans;
  }

  /** Whether any OPA-backed policy set is in the bundle, in force or not. */
  public boolean hasOpaSets() {
    for (Span span : spans) {
      if (span.opaSets.length > 0) {
        return true;
      }
    }
    return false;
  }

  /** The rules in force at {@code at}, in tie-break order. */
  public List<CompiledRule> rulesInForce(Instant at) {
    return Arrays.asList(span(at).rules);
  }

  private Span span(Instant at) {
    int index = Arrays.binarySearch(boundaries, at);
    // an instant equal to a boundary starts the span after it
    int span = index >= 0 ? index + 1 : -index - 1;
    return spans[span];
  }

  static final class Span {
    final CompiledRule[] rules;
    final Map<String, ProductPlan[]> plans;
    final PolicySetVersion[] opaSets;

    Span(CompiledRule[] rules, Map<String, ProductPlan[]> plans, PolicySetVersion[] opaSets) {
      this.rules = rules;
      this.plans = plans;
      this.opaSets = opaSets;
    }
  }
}
