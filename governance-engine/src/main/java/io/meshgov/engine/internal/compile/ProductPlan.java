package io.meshgov.engine.internal.compile;

import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.validate.PolicySetVersion;

/**
 * The rules that can apply to one product for one action in one time span, each array in
 * tie-break order. Per-column arrays are indexed like {@link DataProduct#columns()}. A row-filter
 * or retention rule with a column match is here when any column of the product matches: it then
 * holds for the whole request, whichever columns are read.
 *
 * <p>A column rule whose conditions do not read {@code column} has one verdict for every column,
 * so it gets a slot: {@code denySlots} and {@code maskSlots} parallel the per-column arrays (-1 for
 * rules that read {@code column}), and a decision memoizes those verdicts in {@code verdictSlots}
 * bytes, sized by this plan, not by the bundle.
 *
 * <p>{@code opaSets} are the OPA-backed policy sets to consult for this product and action (see
 * docs/opa.md), in tie-break order; their answers add rules to a per-decision plan.
 */
public record ProductPlan(
    DataProduct product,
    CompiledRule[] access,
    CompiledRule[][] columnDenies,
    int[][] denySlots,
    CompiledRule[][] masks,
    int[][] maskSlots,
    int verdictSlots,
    CompiledRule[] rowFilters,
    CompiledRule[] retentions,
    PolicySetVersion[] opaSets) {}
