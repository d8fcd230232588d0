package io.meshgov.engine.compile;

import io.meshgov.api.DataProduct;

/**
 * The rules that can apply to one product for one action in one time span, each array in
 * tie-break order. Per-column arrays are indexed like {@link DataProduct#columns()}. A row-filter
 * or retention rule with a column match is here when any column of the product matches: it then
 * holds for the whole request, whichever columns are read.
 */
public record ProductPlan(
    DataProduct product,
    CompiledRule[] access,
    CompiledRule[][] columnDenies,
    CompiledRule[][] masks,
    CompiledRule[] rowFilters,
    CompiledRule[] retentions) {}
