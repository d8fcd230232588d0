package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.Action;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.TraceEntry;
import io.meshgov.api.TraceStatus;
import io.meshgov.engine.internal.compile.CompiledBundle;
import io.meshgov.engine.internal.compile.CompiledRule;
import io.meshgov.engine.internal.compile.ProductPlan;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.Rule;
import io.meshgov.engine.internal.validate.RuleKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The trace of an explanation: every rule of the product's plan, each with its status. The plan's
 * rules are those of the policy set versions of the product's scope (global, its domain) whose
 * product match selects the product, in force at the request's instant or not. Rules the evaluation
 * traced keep their entries; every other rule gets one entry saying why it was left out, the first
 * reason in the order of docs/combining.md: not in force, the action, no column of the product,
 * no requested column, or (for a deny) not evaluated.
 *
 * <p>Order: the access rules, then the column rules column by column (requested columns in request
 * order, then the other columns in catalog order, then column rules that match no column), denies
 * before masks, then the row filters, then the retention rules; within each, the tie-break order,
 * then the version. A column rule left out is listed once, at the first column it matches.
 *
 * <p>Used only when explaining: decisions never come here.
 */
final class PlanTrace {
  private static final int ACCESS = 0;
  private static final int COLUMNS = 1;
  private static final int ROW_FILTERS = 2;
  private static final int RETENTIONS = 3;

  /** A rule to list: from the bundle (in force or not) or from an OPA answer; {@code compiled} is null when not in force. */
  private record Candidate(Rule rule, PolicySetVersion set, @Nullable CompiledRule compiled) {}

  /** One line of the trace and where it sorts; {@code seq} keeps the evaluation's order among equals. */
  private record Line(int group, int position, int denyOrMask, Candidate candidate, int seq, TraceEntry entry) {}

  private static final Comparator<Candidate> TIE_BREAK = (a, b) -> {
    int bySet = PolicySetVersion.precedence(a.set(), b.set());
    if (bySet != 0) {
      return bySet;
    }
    int byRule = a.rule().id().compareTo(b.rule().id());
    return byRule != 0 ? byRule : a.set().version().compareTo(b.set().version());
  };

  private static final Comparator<Line> ORDER = Comparator.comparingInt(Line::group)
      .thenComparingInt(Line::position)
      .thenComparingInt(Line::denyOrMask)
      .thenComparing(Line::candidate, TIE_BREAK)
      .thenComparingInt(Line::seq);

  private PlanTrace() {}

  /**
   * @param plan the plan the decision was evaluated with (OPA contributions merged in)
   * @param columns the requested columns, indexes into the product's columns in request order
   * @param contributed the rules OPA answers contributed to this decision
   * @param permitted whether the decision permits: a deny evaluates the access rules only
   * @param traced what the evaluation traced, and {@code tracedRules} the rule of each entry
   */
  static List<TraceEntry> entries(CompiledBundle bundle, ProductPlan plan, Action action, int[] columns, Instant at,
      List<CompiledRule> contributed, boolean permitted, List<TraceEntry> traced, List<CompiledRule> tracedRules) {
    DataProduct product = plan.product();
    List<Column> productColumns = product.columns();
    int columnCount = productColumns.size();

    // the position of each column: the requested ones in request order, then the others in catalog order
    int[] position = new int[columnCount];
    boolean[] requested = new boolean[columnCount];
    for (int i = 0; i < columns.length; i++) {
      position[columns[i]] = i;
      requested[columns[i]] = true;
    }
    int next = columns.length;
    for (int i = 0; i < columnCount; i++) {
      if (!requested[i]) {
        position[i] = next++;
      }
    }
    Map<String, Integer> columnIndex = new HashMap<>();
    for (int i = 0; i < columnCount; i++) {
      columnIndex.put(productColumns.get(i).name(), i);
    }

    // what the evaluation traced, by rule
    Map<CompiledRule, List<Integer>> tracedByRule = new IdentityHashMap<>();
    for (int i = 0; i < tracedRules.size(); i++) {
      tracedByRule.computeIfAbsent(tracedRules.get(i), unused -> new ArrayList<>()).add(i);
    }
    // the plan's membership: the Planner decides which rules can apply, and to which columns
    Set<CompiledRule> inPlan = Collections.newSetFromMap(new IdentityHashMap<>());
    Collections.addAll(inPlan, plan.access());
    Collections.addAll(inPlan, plan.rowFilters());
    Collections.addAll(inPlan, plan.retentions());
    Map<CompiledRule, List<Integer>> planColumns = new IdentityHashMap<>();
    for (int i = 0; i < columnCount; i++) {
      for (CompiledRule rule : plan.columnDenies()[i]) {
        planColumns.computeIfAbsent(rule, unused -> new ArrayList<>()).add(i);
      }
      for (CompiledRule rule : plan.masks()[i]) {
        planColumns.computeIfAbsent(rule, unused -> new ArrayList<>()).add(i);
      }
    }
    inPlan.addAll(planColumns.keySet());

    List<Line> lines = new ArrayList<>();
    int consumed = 0;
    for (Candidate candidate : candidates(bundle, product, at, contributed)) {
      Rule rule = candidate.rule();
      CompiledRule compiled = candidate.compiled();
      boolean columnRule = rule.match().columnLevel()
          && (rule.kind() == RuleKind.ACCESS || rule.kind() == RuleKind.MASK);
      int group = rule.kind() == RuleKind.ROW_FILTER ? ROW_FILTERS
          : rule.kind() == RuleKind.RETENTION ? RETENTIONS
          : columnRule ? COLUMNS : ACCESS;
      int denyOrMask = rule.kind() == RuleKind.MASK ? 1 : 0;
      List<Integer> matched = compiled != null && planColumns.containsKey(compiled)
          ? planColumns.get(compiled) : matchedColumns(rule, productColumns);
      matched.sort(Comparator.comparingInt(column -> position[column]));
      int anchor = group == COLUMNS && !matched.isEmpty() ? position[matched.get(0)] : columnCount;
      List<String> matchedNames = new ArrayList<>();
      boolean anyRequested = false;
      if (group == COLUMNS) {
        for (int column : matched) {
          matchedNames.add(productColumns.get(column).name());
          anyRequested |= requested[column];
        }
      }
      if (compiled == null || !inPlan.contains(compiled)) {
        TraceStatus status;
        String why;
        if (compiled == null) {
          status = TraceStatus.NOT_IN_FORCE;
          why = notInForce(bundle, candidate.set(), at);
        } else if (!rule.match().matchesAction(action)) {
          status = TraceStatus.EXCLUDED;
          why = "match.actions is " + actions(rule) + ", the request is " + action.wireName();
        } else if (rule.match().columnLevel() && matched.isEmpty()) {
          status = TraceStatus.EXCLUDED;
          why = "match.columns matches no column of " + product.id();
        } else {
          // not reached: the scope and product match were checked when the candidates were chosen
          status = TraceStatus.EXCLUDED;
          why = "match does not select " + product.id();
        }
        lines.add(line(group, anchor, denyOrMask, candidate, status, why, matchedNames));
        continue;
      }
      List<Integer> entries = tracedByRule.getOrDefault(compiled, List.of());
      if (group == COLUMNS && !anyRequested) {
        lines.add(line(group, anchor, denyOrMask, candidate, TraceStatus.NOT_REQUESTED,
            "matches " + (matchedNames.size() == 1 ? "column " : "columns ") + String.join(", ", matchedNames)
                + ", not requested", matchedNames));
        continue;
      }
      if (group != ACCESS && !permitted) {
        lines.add(line(group, anchor, denyOrMask, candidate, TraceStatus.NOT_EVALUATED,
            "the request is denied", matchedNames));
        continue;
      }
      for (int index : entries) {
        TraceEntry entry = traced.get(index);
        int where = anchor;
        if (group == COLUMNS) {
          Integer column = entry.column() == null ? null : columnIndex.get(entry.column());
          if (column == null) {
            throw new IllegalStateException("traced column rule " + entry.rule() + " without a column of "
                + product.id());
          }
          where = position[column];
          entry = new TraceEntry(entry.rule(), entry.kind(), entry.column(), entry.status(), entry.why(), matchedNames);
        }
        lines.add(new Line(group, where, denyOrMask, candidate, index, entry));
      }
      if (entries.isEmpty()) {
        throw new IllegalStateException("rule " + compiled.reference() + " of the plan of " + product.id()
            + " was not traced");
      }
      consumed += entries.size();
    }
    if (consumed != traced.size()) {
      throw new IllegalStateException("the trace of " + product.id() + " has " + traced.size()
          + " entries, the plan accounts for " + consumed);
    }
    lines.sort(ORDER);
    List<TraceEntry> result = new ArrayList<>(lines.size());
    for (Line line : lines) {
      result.add(line.entry());
    }
    return result;
  }

  private static Line line(int group, int position, int denyOrMask, Candidate candidate, TraceStatus status,
      String why, List<String> matchedColumns) {
    Rule rule = candidate.rule();
    return new Line(group, position, denyOrMask, candidate, Integer.MAX_VALUE, new TraceEntry(
        rule.reference(candidate.set()), rule.kind().wireName(), null, status, why, matchedColumns));
  }

  /**
   * The rules of every policy set version in the product's scope whose product match selects it:
   * those in force at {@code at} (compiled), those an OPA answer contributed, and those of the
   * versions not in force.
   */
  private static List<Candidate> candidates(CompiledBundle bundle, DataProduct product, Instant at,
      List<CompiledRule> contributed) {
    List<Candidate> candidates = new ArrayList<>();
    Set<PolicySetVersion> inForce = Collections.newSetFromMap(new IdentityHashMap<>());
    List<CompiledRule> compiled = new ArrayList<>(bundle.rulesInForce(at));
    compiled.addAll(contributed);
    for (CompiledRule rule : compiled) {
      inForce.add(rule.set());
      if (selects(rule.rule(), rule.set(), product)) {
        candidates.add(new Candidate(rule.rule(), rule.set(), rule));
      }
    }
    for (PolicySetVersion set : bundle.source().policySets()) {
      if (inForce.contains(set)) {
        continue;
      }
      for (Rule rule : set.rules()) {
        if (selects(rule, set, product)) {
          candidates.add(new Candidate(rule, set, null));
        }
      }
    }
    return candidates;
  }

  private static boolean selects(Rule rule, PolicySetVersion set, DataProduct product) {
    boolean inScope = set.scope().isGlobal() || product.domain().equals(set.scope().domain());
    return inScope && rule.match().matchesProduct(product);
  }

  private static List<Integer> matchedColumns(Rule rule, List<Column> columns) {
    List<Integer> matched = new ArrayList<>();
    if (rule.match().columnLevel()) {
      for (int i = 0; i < columns.size(); i++) {
        if (rule.match().matchesColumn(columns.get(i))) {
          matched.add(i);
        }
      }
    }
    return matched;
  }

  /** Why {@code set} is not in force at {@code at}: outside its window, or superseded by a higher version. */
  private static String notInForce(CompiledBundle bundle, PolicySetVersion set, Instant at) {
    if (set.inForceAt(at)) {
      PolicySetVersion highest = set;
      for (PolicySetVersion other : bundle.source().policySets()) {
        if (other.id().equals(set.id()) && other.inForceAt(at) && other.version().compareTo(highest.version()) > 0) {
          highest = other;
        }
      }
      return "superseded by version " + highest.version().text() + ", the highest version in force at " + at;
    }
    StringBuilder why = new StringBuilder("in force");
    if (set.from() != null) {
      why.append(" from ").append(set.from());
    }
    if (set.until() != null) {
      why.append(" until ").append(set.until());
    }
    return why.append(", not at ").append(at).toString();
  }

  private static String actions(Rule rule) {
    StringJoiner joiner = new StringJoiner(", ", "[", "]");
    for (Action action : Action.values()) {
      if (rule.match().matchesAction(action)) {
        joiner.add(action.wireName());
      }
    }
    return joiner.toString();
  }
}
