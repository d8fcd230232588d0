package io.meshgov.engine.compile;

import io.meshgov.api.Action;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.validate.RuleKind;
import java.util.ArrayList;
import java.util.List;

/** Selects, for one product and action, the rules of a span that can apply. */
final class Planner {
  private Planner() {}

  static ProductPlan plan(DataProduct product, Action action, CompiledRule[] rules) {
    List<Column> columns = product.columns();
    List<CompiledRule> access = new ArrayList<>();
    List<List<CompiledRule>> denies = new ArrayList<>();
    List<List<CompiledRule>> masks = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      denies.add(new ArrayList<>());
      masks.add(new ArrayList<>());
    }
    List<CompiledRule> filters = new ArrayList<>();
    List<CompiledRule> retentions = new ArrayList<>();
    for (CompiledRule rule : rules) {
      boolean inScope = rule.isGlobal() || product.domain().equals(rule.set().scope().domain());
      if (!inScope || !rule.match().matchesAction(action) || !rule.match().matchesProduct(product)) {
        continue;
      }
      boolean columnLevel = rule.match().columnLevel();
      boolean[] matching = new boolean[columns.size()];
      boolean any = false;
      for (int i = 0; i < columns.size(); i++) {
        matching[i] = !columnLevel || rule.match().matchesColumn(columns.get(i));
        any |= matching[i];
      }
      if (!any && !columns.isEmpty()) {
        continue;
      }
      RuleKind kind = rule.kind();
      if (kind == RuleKind.ACCESS && !columnLevel) {
        access.add(rule);
      } else if (kind == RuleKind.ACCESS || kind == RuleKind.MASK) {
        List<List<CompiledRule>> target = kind == RuleKind.ACCESS ? denies : masks;
        for (int i = 0; i < columns.size(); i++) {
          if (matching[i]) {
            target.get(i).add(rule);
          }
        }
      } else if (kind == RuleKind.ROW_FILTER) {
        filters.add(rule);
      } else {
        retentions.add(rule);
      }
    }
    return new ProductPlan(product, access.toArray(new CompiledRule[0]), toArrays(denies), toArrays(masks),
        filters.toArray(new CompiledRule[0]), retentions.toArray(new CompiledRule[0]));
  }

  private static CompiledRule[][] toArrays(List<List<CompiledRule>> lists) {
    CompiledRule[][] arrays = new CompiledRule[lists.size()][];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = lists.get(i).toArray(new CompiledRule[0]);
    }
    return arrays;
  }
}
