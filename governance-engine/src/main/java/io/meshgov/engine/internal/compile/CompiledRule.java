package io.meshgov.engine.internal.compile;

import dev.cel.runtime.CelRuntime;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.RuleReference;
import io.meshgov.engine.internal.compile.residual.ResidualFilter;
import io.meshgov.engine.internal.validate.Match;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.Retention;
import io.meshgov.engine.internal.validate.Rule;
import io.meshgov.engine.internal.validate.RuleKind;
import org.jspecify.annotations.Nullable;

/**
 * A rule ready to evaluate: its CEL programs, and its {@code order}, the position in the tie-break
 * order of docs/combining.md (global before domain, then policy set id, then rule id) among all rules of the
 * bundle. Immutable and shared by all threads.
 */
public final class CompiledRule {
  /** The order of a rule contributed by an OPA answer, which has no place in the bundle's order. */
  static final int CONTRIBUTED = -1;

  private final Rule rule;
  private final PolicySetVersion set;
  private final RuleReference reference;
  private final CelRuntime.@Nullable Program when;
  private final CelRuntime.@Nullable Program unless;
  private final @Nullable ResidualFilter filter;
  private final boolean lenient;
  private final int revealed;
  private final boolean columnDependent;
  private final int order;

  CompiledRule(Rule rule, PolicySetVersion set, CelRuntime.@Nullable Program when,
      CelRuntime.@Nullable Program unless, @Nullable ResidualFilter filter, int order) {
    this.rule = rule;
    this.order = order;
    this.set = set;
    this.reference = rule.reference(set);
    this.when = when;
    this.unless = unless;
    this.filter = filter;
    this.lenient = rule.kind() == RuleKind.ACCESS && rule.effect() == Effect.PERMIT;
    this.revealed = revealed(rule.mask());
    this.columnDependent = usesColumn(rule.when()) || usesColumn(rule.unless());
  }

  private static boolean usesColumn(io.meshgov.engine.internal.validate.@Nullable Condition condition) {
    if (condition == null) {
      return false;
    }
    for (dev.cel.common.ast.CelReference reference : condition.checkedAst().getReferenceMap().values()) {
      if (reference.name().startsWith("column.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the rule's conditions read {@code column}: if not, a column-level rule has the same
   * verdict for every column of a decision, so it is evaluated once.
   */
  public boolean columnDependent() {
    return columnDependent;
  }

  private static int revealed(@Nullable Mask mask) {
    if (mask == null || mask.method() != MaskMethod.PARTIAL) {
      return 0;
    }
    Object first = mask.parameters().getOrDefault("showFirst", 0);
    Object last = mask.parameters().getOrDefault("showLast", 4);
    return (Integer) first + (Integer) last;
  }

  public Rule rule() {
    return rule;
  }

  public PolicySetVersion set() {
    return set;
  }

  public RuleReference reference() {
    return reference;
  }

  public RuleKind kind() {
    return rule.kind();
  }

  public Match match() {
    return rule.match();
  }

  public @Nullable Effect effect() {
    return rule.effect();
  }

  public @Nullable Mask mask() {
    return rule.mask();
  }

  public @Nullable Retention retention() {
    return rule.retention();
  }

  public @Nullable ResidualFilter filter() {
    return filter;
  }

  public CelRuntime.@Nullable Program when() {
    return when;
  }

  public CelRuntime.@Nullable Program unless() {
    return unless;
  }

  /**
   * True for permit rules: a condition error makes them not apply. Every other rule applies when a
   * condition errs, the more restrictive outcome (docs/policy-language.md).
   */
  public boolean lenient() {
    return lenient;
  }

  /** For partial masks, how many code points it shows: fewer reveals less. */
  public int revealed() {
    return revealed;
  }

  /**
   * Compares two rules in the tie-break order of docs/combining.md: global before domain, then policy set id,
   * then rule id. Rules of the bundle compare by their precomputed order.
   */
  public static int tieBreak(CompiledRule a, CompiledRule b) {
    if (a.order != CONTRIBUTED && b.order != CONTRIBUTED) {
      return Integer.compare(a.order, b.order);
    }
    int bySet = PolicySetVersion.precedence(a.set, b.set);
    return bySet != 0 ? bySet : a.rule.id().compareTo(b.rule.id());
  }

  public boolean isGlobal() {
    return set.scope().isGlobal();
  }
}
