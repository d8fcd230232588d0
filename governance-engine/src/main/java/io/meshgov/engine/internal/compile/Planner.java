package io.meshgov.engine.internal.compile;

import io.meshgov.api.Action;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.RuleKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Selects, for one product and action, the rules of a span that can apply. */
final class Planner {
  private Planner() {}

  static ProductPlan plan(DataProduct product, Action action, CompiledRule[] rules, PolicySetVersion[] opaSets) {
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
    CompiledRule[][] denyArrays = toArrays(denies);
    CompiledRule[][] maskArrays = toArrays(masks);
    Map<CompiledRule, Integer> slots = new HashMap<>();
    int[][] denySlots = slots(denyArrays, slots);
    int[][] maskSlots = slots(maskArrays, slots);
    List<PolicySetVersion> consulted = new ArrayList<>();
    for (PolicySetVersion set : opaSets) {
      boolean inScope = set.scope().isGlobal() || product.domain().equals(set.scope().domain());
      if (inScope && set.opa().match().matchesAction(action) && set.opa().match().matchesProduct(product)) {
        consulted.add(set);
      }
    }
    return new ProductPlan(product, access.toArray(new CompiledRule[0]), denyArrays, denySlots, maskArrays, maskSlots,
        slots.size(), filters.toArray(new CompiledRule[0]), retentions.toArray(new CompiledRule[0]),
        consulted.toArray(new PolicySetVersion[0]));
  }

  /** A verdict slot for each column-independent rule, shared by all columns it appears in; else -1. */
  private static int[][] slots(CompiledRule[][] byColumn, Map<CompiledRule, Integer> slots) {
    int[][] result = new int[byColumn.length][];
    for (int column = 0; column < byColumn.length; column++) {
      result[column] = new int[byColumn[column].length];
      for (int i = 0; i < byColumn[column].length; i++) {
        CompiledRule rule = byColumn[column][i];
        result[column][i] = rule.columnDependent() ? -1 : slots.computeIfAbsent(rule, unused -> slots.size());
      }
    }
    return result;
  }

  private static CompiledRule[][] toArrays(List<List<CompiledRule>> lists) {
    CompiledRule[][] arrays = new CompiledRule[lists.size()][];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = lists.get(i).toArray(new CompiledRule[0]);
    }
    return arrays;
  }
}
