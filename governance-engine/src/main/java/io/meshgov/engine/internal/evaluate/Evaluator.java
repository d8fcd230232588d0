package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Explanation;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.ProductReference;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.internal.compile.CompiledBundle;
import io.meshgov.engine.internal.compile.CompiledRule;
import io.meshgov.engine.internal.compile.ProductPlan;
import io.meshgov.engine.internal.compile.residual.ResidualFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stage 4: decides a resolved request against a compiled bundle, following docs/combining.md step by step.
 * Stateless and thread-safe.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Decides {@code request} for {@code product} with the given columns (indexes into the product's
   * columns, in request order) at {@code at}, with what OPA-backed policy sets contributed; with
   * {@code trace}, lists every rule of the product's plan with its status: why it did or did not
   * apply, or why it was left out before its conditions were evaluated ({@link PlanTrace}). Without
   * it the trace is empty and costs nothing.
   */
  public static Explanation evaluate(CompiledBundle bundle, AccessRequest request, ProductPlan plan,
      int[] columns, Instant at, String decisionId, boolean inline, Contributions contributions, boolean trace) {
    Tracer tracer = trace ? Tracer.recording() : Tracer.OFF;
    ProductPlan merged = plan;
    if (!contributions.rules().isEmpty()) {
      PlanMemo memo = contributions.planMemo();
      merged = memo != null
          ? memo.get(bundle, () -> plan(bundle, plan.product(), request.action(), at, inline, contributions.rules()))
          : plan(bundle, plan.product(), request.action(), at, inline, contributions.rules());
    }
    Decision decision = evaluate(bundle, request, merged, columns, at, decisionId, inline, contributions, tracer);
    if (!trace) {
      return new Explanation(decision, List.of());
    }
    List<TraceEntry> entries = new ArrayList<>(contributions.trace());
    entries.addAll(PlanTrace.entries(bundle, merged, request.action(), columns, at, contributions.rules(),
        decision.isPermitted(), tracer.entries(), tracer.rules()));
    return new Explanation(decision, entries);
  }

  /** The plan of the product in force at {@code at}, with the rules OPA answers contributed merged in. */
  public static ProductPlan plan(CompiledBundle bundle, DataProduct product, Action action, Instant at, boolean inline,
      List<CompiledRule> contributed) {
    if (!contributed.isEmpty()) {
      return bundle.planWithContributions(product, action, at, contributed);
    }
    ProductPlan plan = inline ? bundle.planInline(product, action, at) : bundle.plan(product.id(), action, at);
    if (plan == null) {
      throw new IllegalStateException("no plan for catalog product " + product.id());
    }
    return plan;
  }

  private static Decision evaluate(CompiledBundle bundle, AccessRequest request, ProductPlan plan, int[] columns,
      Instant at, String decisionId, boolean inline, Contributions contributions, Tracer tracer) {
    DataProduct product = plan.product();
    List<OpaConsultation> consulted = contributions.consultations();
    DecisionVariables variables = new DecisionVariables(request, product, at);
    Set<RuleReference> applied = new LinkedHashSet<>();
    ProductReference productReference = new ProductReference(product.id(), product.version());

    // 1. access: deny overrides, then permit, else default deny
    List<Reason> denies = new ArrayList<>(2);
    List<Reason> permits = new ArrayList<>(2);
    // an OPA-backed set without a usable answer denies, as a deny rule of that set would (fail closed)
    for (Reason failure : contributions.failures()) {
      applied.add(failure.rule());
      denies.add(failure);
    }
    for (CompiledRule rule : plan.access()) {
      if (Conditions.applies(rule, variables, tracer, null)) {
        applied.add(rule.reference());
        Reason reason = new Reason(rule.reference(), rule.effect(), message(rule));
        (rule.effect() == Effect.DENY ? denies : permits).add(reason);
      }
    }
    if (!denies.isEmpty() || permits.isEmpty()) {
      List<Reason> reasons = denies.isEmpty()
          ? List.of(new Reason(RuleReference.NO_PERMIT, Effect.DENY,
              "no access rule permits " + request.action().wireName() + " on " + product.id()))
          : denies;
      return new Decision(decisionId, Effect.DENY, productReference, List.of(), List.of(), null, reasons,
          bundle.info(), at, List.copyOf(applied), consulted);
    }

    // 2. columns: a column deny wins over any mask; else the most restrictive mask
    List<ColumnDecision> columnDecisions = new ArrayList<>(columns.length);
    byte[] verdicts = tracer.enabled() || plan.verdictSlots() == 0 ? null : new byte[plan.verdictSlots()];
    for (int index : columns) {
      Column column = product.columns().get(index);
      variables.column(column);
      columnDecisions.add(decideColumn(column, plan.columnDenies()[index], plan.denySlots()[index],
          plan.masks()[index], plan.maskSlots()[index], variables, tracer, applied, verdicts));
    }
    variables.column(null);

    // 3. row filters: all hold
    List<RowFilter> rowFilters = new ArrayList<>(plan.rowFilters().length + 1);
    for (int i = 0; i < plan.rowFilters().length; i++) {
      CompiledRule rule = plan.rowFilters()[i];
      if (Conditions.applies(rule, variables, tracer, null)) {
        applied.add(rule.reference());
        ResidualFilter filter = rule.filter();
        // a catalog product's filters were type-checked at load; an inline product's are checked
        // here, and one that does not fit it hides every row
        String expression = inline && !InlineProducts.fits(filter, product) ? "false"
            : filter.evaluate(variables).expression();
        rowFilters.add(new RowFilter(rule.reference(), expression));
      }
    }

    // 4. retention
    CombinedRetention combined = retention(plan, variables, tracer, at);
    for (CompiledRule rule : combined.rules()) {
      applied.add(rule.reference());
    }
    RetentionObligation retention = combined.obligation();
    if (retention != null && retention.cutoff() != null) {
      boolean basisPresent = product.column(retention.basis()).filter(c -> c.type().isTemporal()).isPresent();
      rowFilters.add(new RowFilter(RuleReference.RETENTION, basisPresent
          ? retention.cutoffFilter().orElseThrow()
          // an inline product without the basis column cannot show which rows are recent enough
          : "false"));
    }
    return new Decision(decisionId, Effect.PERMIT, productReference, columnDecisions, rowFilters, retention, permits,
        bundle.info(), at, List.copyOf(applied), consulted);
  }

  /**
   * Step 4 alone: the retention of {@code plan} for {@code request}, whatever the access rules say.
   * The retention job asks this; decisions take the same path once permitted.
   */
  public static CombinedRetention retention(AccessRequest request, ProductPlan plan, Instant at) {
    return retention(plan, new DecisionVariables(request, plan.product(), at), Tracer.OFF, at);
  }

  private static CombinedRetention retention(ProductPlan plan, DecisionVariables variables, Tracer tracer,
      Instant at) {
    List<CompiledRule> applicable = new ArrayList<>(plan.retentions().length);
    for (CompiledRule rule : plan.retentions()) {
      if (Conditions.applies(rule, variables, tracer, null)) {
        applicable.add(rule);
      }
    }
    return RetentionCombiner.combine(applicable, at);
  }

  private static final byte UNKNOWN = 0;
  private static final byte APPLIES = 1;
  private static final byte SKIPS = 2;

  /**
   * Whether a column rule applies to the current column. A rule whose conditions do not read
   * {@code column} has a slot, and its verdict is evaluated once per decision and memoized there;
   * while tracing there is no memo, so the trace gives every column its own line.
   */
  private static boolean applies(CompiledRule rule, int slot, DecisionVariables variables, Tracer tracer,
      String column, byte @Nullable [] verdicts) {
    if (verdicts == null || slot < 0) {
      return Conditions.applies(rule, variables, tracer, column);
    }
    if (verdicts[slot] == UNKNOWN) {
      verdicts[slot] = Conditions.applies(rule, variables, tracer, column) ? APPLIES : SKIPS;
    }
    return verdicts[slot] == APPLIES;
  }

  private static ColumnDecision decideColumn(Column column, CompiledRule[] denies, int[] denySlots,
      CompiledRule[] masks, int[] maskSlots, DecisionVariables variables, Tracer tracer, Set<RuleReference> applied,
      byte @Nullable [] verdicts) {
    // The audit names the deciding deny, or every mask that applied to a column not denied. The
    // rules after a deny are evaluated only for a trace, and never change what is audited.
    CompiledRule deny = null;
    for (int i = 0; i < denies.length; i++) {
      CompiledRule rule = denies[i];
      if (deny != null && !tracer.enabled()) {
        break;
      }
      if (applies(rule, denySlots[i], variables, tracer, column.name(), verdicts) && deny == null) {
        deny = rule;
        applied.add(rule.reference());
      }
    }
    CompiledRule winner = null;
    for (int i = 0; i < masks.length; i++) {
      CompiledRule rule = masks[i];
      if (deny != null && !tracer.enabled()) {
        break;
      }
      if (applies(rule, maskSlots[i], variables, tracer, column.name(), verdicts) && deny == null) {
        applied.add(rule.reference());
        if (winner == null || moreRestrictive(rule, winner)) {
          winner = rule;
        }
      }
    }
    if (deny != null) {
      return new ColumnDecision(column.name(), column.type(), ColumnEffect.DENY, null, deny.reference());
    }
    if (winner == null) {
      return ColumnDecision.allow(column.name(), column.type());
    }
    Mask mask = winner.mask();
    MaskMethod method = mask.method().escalatedFor(column.type());
    Mask appliedMask = method == mask.method() ? mask : Mask.of(method);
    return new ColumnDecision(column.name(), column.type(), ColumnEffect.MASK, appliedMask, winner.reference());
  }

  /** Table order first; same method: the one revealing less; still tied: the earlier in tie-break order. */
  private static boolean moreRestrictive(CompiledRule candidate, CompiledRule current) {
    int byMethod = candidate.mask().method().compareTo(current.mask().method());
    if (byMethod != 0) {
      return byMethod > 0;
    }
    if (candidate.revealed() != current.revealed()) {
      return candidate.revealed() < current.revealed();
    }
    return CompiledRule.tieBreak(candidate, current) < 0;
  }

  private static String message(CompiledRule rule) {
    String description = rule.rule().description();
    if (description != null) {
      return description;
    }
    return rule.effect() == Effect.DENY ? "denied by " + rule.reference().id() : "permitted by " + rule.reference().id();
  }
}
