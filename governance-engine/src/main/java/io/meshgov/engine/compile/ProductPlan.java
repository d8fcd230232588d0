package io.meshgov.engine.compile;

import io.meshgov.api.DataProduct;

/**
 * The rules that can apply to one product for one action in one time span, each array in
 * tie-break order. Per-column arrays are indexed like {@link DataProduct#columns()}. Row-filter
 * and retention rules with a column match carry {@code columnMatches[rule][column]}.
 */
public record ProductPlan(
    DataProduct product,
    CompiledRule[] access,
    CompiledRule[][] columnDenies,
    CompiledRule[][] masks,
    CompiledRule[] rowFilters,
    boolean[][] rowFilterColumns,
    CompiledRule[] retentions,
    boolean[][] retentionColumns) {}
