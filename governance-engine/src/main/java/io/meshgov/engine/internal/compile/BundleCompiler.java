package io.meshgov.engine.internal.compile;

import dev.cel.bundle.Cel;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.meshgov.api.Action;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.compile.residual.CompiledFilters;
import io.meshgov.engine.internal.validate.Condition;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.Rule;
import io.meshgov.engine.internal.validate.ValidatedBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Stage 3: compiles a validated bundle. A validated bundle always compiles. Thread-safe; its only
 * state is the engine's {@link CompiledFilters}, which it shares.
 */
public final class BundleCompiler {
  private final CompiledFilters filters;

  /** {@code filters}: the engine's compiled row filters, reused across reloads and OPA answers. */
  public BundleCompiler(CompiledFilters filters) {
    this.filters = filters;
  }

  public CompiledBundle compile(ValidatedBundle bundle) {
    record Sourced(Rule rule, PolicySetVersion set) {}
    List<Sourced> sourced = new ArrayList<>();
    for (PolicySetVersion set : bundle.policySets()) {
      for (Rule rule : set.rules()) {
        sourced.add(new Sourced(rule, set));
      }
    }
    sourced.sort(Comparator.<Sourced, PolicySetVersion>comparing(Sourced::set, PolicySetVersion::precedence)
        .thenComparing(source -> source.rule().id()));
    List<CompiledRule> all = new ArrayList<>(sourced.size());
    for (Sourced source : sourced) {
      all.add(compile(source.rule(), source.set(), all.size()));
    }
    TreeSet<Instant> cuts = new TreeSet<>();
    for (PolicySetVersion set : bundle.policySets()) {
      if (set.from() != null) {
        cuts.add(set.from());
      }
      if (set.until() != null) {
        cuts.add(set.until());
      }
    }
    Instant[] boundaries = cuts.toArray(new Instant[0]);
    CompiledBundle.Span[] spans = new CompiledBundle.Span[boundaries.length + 1];
    for (int i = 0; i < spans.length; i++) {
      Instant representative = i == 0 ? Instant.MIN : boundaries[i - 1];
      Map<String, PolicySetVersion> versionInForce = versionsInForce(bundle, representative);
      List<CompiledRule> inForce = new ArrayList<>();
      for (CompiledRule rule : all) {
        if (versionInForce.get(rule.set().id()) == rule.set()) {
          inForce.add(rule);
        }
      }
      CompiledRule[] rules = inForce.toArray(new CompiledRule[0]);
      PolicySetVersion[] opaSets = versionInForce.values().stream()
          .filter(PolicySetVersion::isOpaBacked)
          .sorted(PolicySetVersion::precedence)
          .toArray(PolicySetVersion[]::new);
      Map<String, ProductPlan[]> plans = new HashMap<>();
      for (DataProduct product : bundle.catalog().values()) {
        ProductPlan[] byAction = new ProductPlan[Action.values().length];
        for (Action action : Action.values()) {
          byAction[action.ordinal()] = Planner.plan(product, action, rules, opaSets);
        }
        plans.put(product.id(), byAction);
      }
      spans[i] = new CompiledBundle.Span(rules, Map.copyOf(plans), opaSets);
    }
    return new CompiledBundle(bundle, boundaries, spans);
  }

  /**
   * Compiles the rules an OPA answer contributed for one decision. They stand outside the bundle's
   * rule order, so they are ordered against other rules by {@link CompiledRule#tieBreak}.
   */
  public List<CompiledRule> compileContributions(List<Rule> rules, PolicySetVersion set) {
    List<CompiledRule> compiled = new ArrayList<>(rules.size());
    for (Rule rule : rules) {
      compiled.add(compile(rule, set, CompiledRule.CONTRIBUTED));
    }
    return compiled;
  }

  /** Per policy set id, the highest version whose window holds {@code at} (docs/policy-language.md). */
  private static Map<String, PolicySetVersion> versionsInForce(ValidatedBundle bundle, Instant at) {
    Map<String, PolicySetVersion> inForce = new HashMap<>();
    for (PolicySetVersion set : bundle.policySets()) {
      if (set.inForceAt(at)) {
        inForce.merge(set.id(), set, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
      }
    }
    return inForce;
  }

  private CompiledRule compile(Rule rule, PolicySetVersion set, int order) {
    return new CompiledRule(rule, set, program(rule.when()), program(rule.unless()),
        rule.filter() == null ? null : filters.compile(rule.filter()), order);
  }

  private static CelRuntime.@Nullable Program program(@Nullable Condition condition) {
    if (condition == null) {
      return null;
    }
    Cel cel = condition.columnLevel() ? ConditionEnvironment.columnLevel() : ConditionEnvironment.productLevel();
    try {
      return cel.createProgram(condition.checkedAst());
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("a checked condition failed to compile: " + e.getMessage(), e);
    }
  }
}
