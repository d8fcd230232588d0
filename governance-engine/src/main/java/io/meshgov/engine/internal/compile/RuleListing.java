package io.meshgov.engine.internal.compile;

import io.meshgov.api.Action;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RuleInfo;
import io.meshgov.api.RuleMatch;
import io.meshgov.engine.internal.validate.Match;
import io.meshgov.engine.internal.validate.MatchReasons;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.Retention;
import io.meshgov.engine.internal.validate.Rule;
import io.meshgov.engine.internal.validate.RuleKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Lists the rules that can apply to a catalog product, or to one of its columns, without a request
 * (docs/cli.md, rules). Which rules, and for which columns and actions, is read from the compiled
 * plans of every time span: the Planner chose them exactly as it does for decisions, so this list
 * cannot disagree with what the evaluator considers. Only the words saying why come from {@link
 * MatchReasons}.
 *
 * <p>Order: OPA-backed sets, then the product-level access rules, then the column rules column by
 * column in catalog order (a rule at the first column it matches), denies before masks, then row
 * filters, then retention; within each, the tie-break order of docs/combining.md, versions of one
 * set side by side, lowest first.
 */
public final class RuleListing {
  private static final int OPA = 0;
  private static final int ACCESS = 1;
  private static final int COLUMNS = 2;
  private static final int ROW_FILTERS = 3;
  private static final int RETENTIONS = 4;

  /** A rule of some plan, with the actions and the columns it is planned for across all spans. */
  private static final class Planned {
    final CompiledRule rule;
    final Set<Action> actions = EnumSet.noneOf(Action.class);
    final TreeSet<Integer> columns = new TreeSet<>();

    Planned(CompiledRule rule) {
      this.rule = rule;
    }
  }

  private record Listed(int group, int position, int denyOrMask, PolicySetVersion set, String ruleId,
      RuleMatch match) {}

  private static final Comparator<Listed> ORDER = Comparator.comparingInt(Listed::group)
      .thenComparingInt(Listed::position)
      .thenComparingInt(Listed::denyOrMask)
      .thenComparing(Listed::set, PolicySetVersion::precedence)
      .thenComparing(Listed::ruleId)
      .thenComparing(listed -> listed.set().version());

  private RuleListing() {}

  /**
   * @param column an index into the product's columns: only that column's column rules are listed,
   *     with every rule that is not a column rule; -1 for the whole product
   * @param at the instant {@link RuleMatch#inForce()} is about
   */
  public static List<RuleMatch> list(CompiledBundle bundle, DataProduct product, int column, Instant at) {
    Map<CompiledRule, Planned> planned = new IdentityHashMap<>();
    Map<PolicySetVersion, Set<Action>> opaSets = new LinkedHashMap<>();
    for (Action action : Action.values()) {
      for (ProductPlan plan : bundle.plansAcrossTime(product.id(), action)) {
        collect(planned, plan.access(), action, -1);
        collect(planned, plan.rowFilters(), action, -1);
        collect(planned, plan.retentions(), action, -1);
        for (int i = 0; i < plan.columnDenies().length; i++) {
          collect(planned, plan.columnDenies()[i], action, i);
          collect(planned, plan.masks()[i], action, i);
        }
        for (PolicySetVersion set : plan.opaSets()) {
          opaSets.computeIfAbsent(set, unused -> EnumSet.noneOf(Action.class)).add(action);
        }
      }
    }
    Set<CompiledRule> inForce = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<PolicySetVersion> opaInForce = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Action action : Action.values()) {
      ProductPlan now = bundle.plan(product.id(), action, at);
      if (now != null) {
        Collections.addAll(opaInForce, now.opaSets());
      }
    }
    inForce.addAll(bundle.rulesInForce(at));

    List<Listed> listed = new ArrayList<>();
    for (Map.Entry<PolicySetVersion, Set<Action>> entry : opaSets.entrySet()) {
      PolicySetVersion set = entry.getKey();
      RuleInfo info = set.opaInfo();
      String does = "evaluated by OPA at data path " + set.opa().path() + "; its answer's rules combine like the bundle's";
      listed.add(new Listed(OPA, 0, 0, set, info.ruleId(), new RuleMatch(info, opaInForce.contains(set), does, null,
          null, List.copyOf(entry.getValue()), List.of(), MatchReasons.product(set.scope(), set.opa().match(), product))));
    }
    for (Planned rule : planned.values()) {
      Listed entry = listed(rule, product, column, inForce.contains(rule.rule));
      if (entry != null) {
        listed.add(entry);
      }
    }
    listed.sort(ORDER);
    List<RuleMatch> result = new ArrayList<>(listed.size());
    for (Listed entry : listed) {
      result.add(entry.match());
    }
    return result;
  }

  private static void collect(Map<CompiledRule, Planned> planned, CompiledRule[] rules, Action action, int column) {
    for (CompiledRule rule : rules) {
      Planned entry = planned.computeIfAbsent(rule, Planned::new);
      entry.actions.add(action);
      if (column >= 0) {
        entry.columns.add(column);
      }
    }
  }

  private static @Nullable Listed listed(Planned planned, DataProduct product, int column, boolean inForce) {
    CompiledRule compiled = planned.rule;
    Rule rule = compiled.rule();
    Match match = rule.match();
    boolean columnRule = !planned.columns.isEmpty();
    if (columnRule && column >= 0 && !planned.columns.contains(column)) {
      return null;
    }
    List<Column> productColumns = product.columns();
    // a row filter or retention rule with match.columns is planned for the whole product when any
    // column matches; Match names those columns, as the Planner asked it
    List<Integer> matched = new ArrayList<>(planned.columns);
    if (!columnRule && match.columnLevel()) {
      for (int i = 0; i < productColumns.size(); i++) {
        if (match.matchesColumn(productColumns.get(i))) {
          matched.add(i);
        }
      }
    }
    List<String> reasons = new ArrayList<>(MatchReasons.product(compiled.set().scope(), match, product));
    List<String> columnNames = new ArrayList<>();
    for (int i : matched) {
      columnNames.add(productColumns.get(i).name());
      if (!columnRule || column < 0 || i == column) {
        reasons.addAll(MatchReasons.column(match, productColumns.get(i)));
      }
    }
    int group = columnRule ? COLUMNS
        : rule.kind() == RuleKind.ROW_FILTER ? ROW_FILTERS
        : rule.kind() == RuleKind.RETENTION ? RETENTIONS
        : ACCESS;
    int position = columnRule ? (column >= 0 ? column : planned.columns.first()) : 0;
    RuleMatch described = new RuleMatch(rule.info(compiled.set()), inForce, effect(rule),
        rule.when() == null ? null : rule.when().source(), rule.unless() == null ? null : rule.unless().source(),
        List.copyOf(planned.actions), columnNames, reasons);
    return new Listed(group, position, rule.kind() == RuleKind.MASK ? 1 : 0, compiled.set(), rule.id(), described);
  }

  /** What the rule does when it applies, in the words explain uses for the same parts of a decision. */
  private static String effect(Rule rule) {
    switch (rule.kind()) {
      case ACCESS:
        return rule.effect().wireName();
      case MASK:
        return "mask " + rule.mask().method().wireName()
            + (rule.mask().publicParameters().isEmpty() ? "" : " " + rule.mask().publicParameters());
      case ROW_FILTER:
        return "filter " + rule.filter().source();
      default:
        return retention(rule.retention());
    }
  }

  private static String retention(Retention retention) {
    StringBuilder text = new StringBuilder("retention");
    if (retention.basis() != null) {
      text.append(" basis=").append(retention.basis());
    }
    if (retention.minimum() != null) {
      text.append(" minimum=").append(retention.minimum());
    }
    if (retention.maximum() != null) {
      text.append(" maximum=").append(retention.maximum());
    }
    if (retention.action() != null) {
      text.append(" action=").append(retention.action().wireName());
    }
    if (retention.legalHold()) {
      text.append(" legalHold=true");
    }
    return text.toString();
  }
}
