package io.meshgov.cli;

import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.Decision;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.cli.ImpactChange.Direction;
import io.meshgov.cli.ImpactChange.Kind;
import io.meshgov.engine.mask.Masks;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares what two bundles decide for one request, in data terms (docs/cli.md, impact): access,
 * then each column, the row filters and retention when both permit. Restrictiveness is the
 * combining order: allow, then the mask methods in table order (for one method, the one revealing
 * less), then deny.
 */
final class ImpactComparison {
  private static final int DENY_RANK = 1000;

  private ImpactComparison() {}

  /** What a bundle made of a request: a decision, or why it could not decide it. */
  record Outcome(@Nullable Decision decision, @Nullable String refusal) {
    static Outcome of(Decision decision) {
      return new Outcome(decision, null);
    }

    static Outcome refused(String why) {
      return new Outcome(null, why);
    }

    boolean permitted() {
      return decision != null && decision.isPermitted();
    }
  }

  static List<ImpactChange> compare(String product, String subject, Outcome base, Outcome proposed) {
    List<ImpactChange> changes = new ArrayList<>();
    if (!base.permitted() && !proposed.permitted()) {
      return changes;
    }
    if (base.permitted() != proposed.permitted()) {
      Direction direction = proposed.permitted() ? Direction.LOOSENED : Direction.TIGHTENED;
      changes.add(new ImpactChange(product, subject, Kind.ACCESS, null, access(base), access(proposed), direction,
          reasons(base), reasons(proposed)));
      return changes;
    }
    Decision before = Objects.requireNonNull(base.decision());
    Decision after = Objects.requireNonNull(proposed.decision());
    columns(product, subject, before, after, changes);
    rowFilters(product, subject, before, after, changes);
    retention(product, subject, before.retention(), after.retention(), changes);
    return changes;
  }

  private static void columns(String product, String subject, Decision before, Decision after,
      List<ImpactChange> changes) {
    Set<String> names = new LinkedHashSet<>();
    before.columns().forEach(column -> names.add(column.name()));
    after.columns().forEach(column -> names.add(column.name()));
    for (String name : names) {
      ColumnDecision old = before.column(name);
      ColumnDecision now = after.column(name);
      if (sameView(old, now)) {
        continue;
      }
      Direction direction = direction(old, now);
      String shown = view(now);
      if (shown.equals(view(old))) {
        // only a secret differs (a salt): say so, never what it is
        shown += " (another salt)";
      }
      changes.add(new ImpactChange(product, subject, Kind.COLUMN, name, view(old), shown, direction,
          rule(old), rule(now)));
    }
  }

  /** Equal effect and mask (parameters and salt included): the reader sees the same values. */
  private static boolean sameView(@Nullable ColumnDecision old, @Nullable ColumnDecision now) {
    if (old == null || now == null) {
      return visible(old) == visible(now) && !visible(old);
    }
    return old.effect() == now.effect() && Objects.equals(old.mask(), now.mask());
  }

  private static Direction direction(@Nullable ColumnDecision old, @Nullable ColumnDecision now) {
    int before = rank(old);
    int after = rank(now);
    if (after != before) {
      return after < before ? Direction.LOOSENED : Direction.TIGHTENED;
    }
    // one mask method on both sides: loosened only if the new one shows something the old one hid
    return revealsMore(Objects.requireNonNull(old).mask(), Objects.requireNonNull(now).mask())
        ? Direction.LOOSENED : Direction.TIGHTENED;
  }

  /** Allow 0, the mask methods 1 to 7 in table order, deny (or no such column) last. */
  private static int rank(@Nullable ColumnDecision column) {
    if (column == null || column.effect() == ColumnEffect.DENY) {
      return DENY_RANK;
    }
    if (column.effect() == ColumnEffect.ALLOW) {
      return 0;
    }
    return 1 + Objects.requireNonNull(column.mask()).method().ordinal();
  }

  /**
   * Only {@code partial} reveals part of a value: more shown characters at either end reveal more.
   * A {@code hash} that loses its salt reveals more too: its values can then be looked up.
   */
  private static boolean revealsMore(@Nullable Mask old, @Nullable Mask now) {
    if (old == null || now == null) {
      return false;
    }
    if (old.method() == MaskMethod.HASH) {
      String before = (String) Masks.effectiveParameters(old).get("salt");
      String after = (String) Masks.effectiveParameters(now).get("salt");
      return !before.isEmpty() && after.isEmpty();
    }
    if (old.method() != MaskMethod.PARTIAL) {
      return false;
    }
    Map<String, Object> before = Masks.effectiveParameters(old);
    Map<String, Object> after = Masks.effectiveParameters(now);
    return (Integer) after.get("showFirst") > (Integer) before.get("showFirst")
        || (Integer) after.get("showLast") > (Integer) before.get("showLast");
  }

  private static boolean visible(@Nullable ColumnDecision column) {
    return column != null && column.effect() != ColumnEffect.DENY;
  }

  /** {@code allow}, {@code mask partial(showFirst=0, showLast=4, maskChar=*)}, {@code deny}; a salt never shows. */
  static String view(@Nullable ColumnDecision column) {
    if (column == null) {
      return "absent";
    }
    if (column.effect() != ColumnEffect.MASK) {
      return column.effect().wireName();
    }
    Mask mask = Objects.requireNonNull(column.mask());
    Map<String, Object> shown = mask.publicParameters();
    String text = "mask " + mask.method().wireName();
    if (!shown.isEmpty()) {
      StringBuilder parameters = new StringBuilder();
      shown.forEach((key, value) -> parameters.append(parameters.length() == 0 ? "" : ", ").append(key).append('=')
          .append(value));
      text += "(" + parameters + ")";
    }
    return text;
  }

  private static void rowFilters(String product, String subject, Decision before, Decision after,
      List<ImpactChange> changes) {
    Map<String, RowFilter> old = filtersByRule(before);
    Map<String, RowFilter> now = filtersByRule(after);
    for (Map.Entry<String, RowFilter> entry : old.entrySet()) {
      RowFilter replacement = now.get(entry.getKey());
      if (replacement == null) {
        changes.add(new ImpactChange(product, subject, Kind.ROW_FILTER, null, entry.getValue().expression(), "none",
            Direction.LOOSENED, List.of(entry.getValue().rule().toString()), List.of()));
      } else if (!replacement.expression().equals(entry.getValue().expression())) {
        // a residual's rows cannot be compared without the data: review it as a loosening
        changes.add(new ImpactChange(product, subject, Kind.ROW_FILTER, null, entry.getValue().expression(),
            replacement.expression(), Direction.LOOSENED, List.of(entry.getValue().rule().toString()),
            List.of(replacement.rule().toString())));
      }
    }
    for (Map.Entry<String, RowFilter> entry : now.entrySet()) {
      if (!old.containsKey(entry.getKey())) {
        changes.add(new ImpactChange(product, subject, Kind.ROW_FILTER, null, "none", entry.getValue().expression(),
            Direction.TIGHTENED, List.of(), List.of(entry.getValue().rule().toString())));
      }
    }
  }

  /** By rule id, version left out (a new version of the same rule is the same filter); the retention cutoff apart. */
  private static Map<String, RowFilter> filtersByRule(Decision decision) {
    Map<String, RowFilter> filters = new LinkedHashMap<>();
    for (RowFilter filter : decision.rowFilters()) {
      if (!filter.rule().equals(RuleReference.RETENTION)) {
        filters.put(filter.rule().id(), filter);
      }
    }
    return filters;
  }

  private static void retention(String product, String subject, @Nullable RetentionObligation old,
      @Nullable RetentionObligation now, List<ImpactChange> changes) {
    if (Objects.equals(old, now)) {
      return;
    }
    boolean oldHold = old != null && old.legalHold();
    boolean nowHold = now != null && now.legalHold();
    if (oldHold != nowHold) {
      // a legal hold suspends the maximum: rows past it are kept and stay readable
      changes.add(retentionChange(product, subject, "legal hold", oldHold ? "on" : "off", nowHold ? "on" : "off",
          nowHold ? Direction.LOOSENED : Direction.TIGHTENED));
    }
    boolean oldConflict = old != null && old.conflict();
    boolean nowConflict = now != null && now.conflict();
    if (oldConflict != nowConflict) {
      changes.add(retentionChange(product, subject, "conflict", oldConflict ? "yes" : "no", nowConflict ? "yes" : "no",
          nowConflict ? Direction.LOOSENED : Direction.TIGHTENED));
    }
    Period oldMaximum = old == null ? null : old.maximum();
    Period nowMaximum = now == null ? null : now.maximum();
    if (!Objects.equals(oldMaximum, nowMaximum) && !sameLength(oldMaximum, nowMaximum)) {
      // a shorter maximum hides more rows; none at all hides none
      boolean looser = nowMaximum == null || (oldMaximum != null && days(nowMaximum) > days(oldMaximum));
      changes.add(retentionChange(product, subject, "maximum", text(oldMaximum), text(nowMaximum),
          looser ? Direction.LOOSENED : Direction.TIGHTENED));
    }
    Period oldMinimum = old == null ? null : old.minimum();
    Period nowMinimum = now == null ? null : now.minimum();
    if (!Objects.equals(oldMinimum, nowMinimum) && !sameLength(oldMinimum, nowMinimum)) {
      // a shorter minimum lets data go sooner: weaker protection
      boolean looser = nowMinimum == null || (oldMinimum != null && days(nowMinimum) < days(oldMinimum));
      changes.add(retentionChange(product, subject, "minimum", text(oldMinimum), text(nowMinimum),
          looser ? Direction.LOOSENED : Direction.TIGHTENED));
    }
    io.meshgov.api.RetentionAction oldAction = old == null ? null : old.action();
    io.meshgov.api.RetentionAction nowAction = now == null ? null : now.action();
    if (oldAction != null && nowAction != null && oldAction != nowAction) {
      // deleting keeps nothing; archiving or anonymizing keeps data (or part of it) somewhere
      boolean looser = oldAction == io.meshgov.api.RetentionAction.DELETE;
      changes.add(retentionChange(product, subject, "action", oldAction.wireName(), nowAction.wireName(),
          looser ? Direction.LOOSENED : Direction.TIGHTENED));
    }
    List<String> oldCleared = old == null ? List.of() : old.anonymize();
    List<String> nowCleared = now == null ? List.of() : now.anonymize();
    if (oldAction == nowAction && nowAction == io.meshgov.api.RetentionAction.ANONYMIZE && !oldCleared.equals(nowCleared)) {
      // fewer tags cleared keeps more of each row
      boolean looser = !nowCleared.containsAll(oldCleared);
      changes.add(retentionChange(product, subject, "anonymize", String.join(", ", oldCleared),
          String.join(", ", nowCleared), looser ? Direction.LOOSENED : Direction.TIGHTENED));
    }
    String oldBasis = old == null ? null : old.basis();
    String nowBasis = now == null ? null : now.basis();
    if (!Objects.equals(oldBasis, nowBasis) && oldBasis != null && nowBasis != null) {
      changes.add(retentionChange(product, subject, "basis", oldBasis, nowBasis, Direction.LOOSENED));
    }
  }

  private static ImpactChange retentionChange(String product, String subject, String field, String before,
      String after, Direction direction) {
    return new ImpactChange(product, subject, Kind.RETENTION, field, before, after, direction, List.of(), List.of());
  }

  /** Two periods of the same average length (P12M and P1Y): no change a reader would see. */
  private static boolean sameLength(@Nullable Period a, @Nullable Period b) {
    return a != null && b != null && days(a) == days(b);
  }

  /** Days a period spans on average: enough to order P1Y, P13M and P400D. */
  private static double days(Period period) {
    return period.getYears() * 365.2425 + period.getMonths() * 30.436875 + period.getDays();
  }

  private static String text(@Nullable Period period) {
    return period == null ? "none" : period.toString();
  }

  private static String access(Outcome outcome) {
    if (outcome.decision() == null) {
      return "not decided (" + outcome.refusal() + ")";
    }
    return outcome.decision().effect().wireName();
  }

  private static List<String> reasons(Outcome outcome) {
    List<String> rules = new ArrayList<>();
    if (outcome.decision() != null) {
      for (Reason reason : outcome.decision().reasons()) {
        rules.add(reason.rule().toString());
      }
    }
    return rules;
  }

  private static List<String> rule(@Nullable ColumnDecision column) {
    return column == null || column.rule() == null ? List.of() : List.of(column.rule().toString());
  }
}
