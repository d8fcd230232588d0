package io.meshgov.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an {@link AccessRequest} (docs/request-and-decision.md). A {@link Effect#DENY} decision has no column
 * decisions, row filters or retention: callers must not read. {@code appliedRules} lists every
 * rule that applied, in evaluation order, as audit records name them. {@code opa} has one entry
 * per policy set evaluated by Open Policy Agent for this decision (docs/opa.md), none otherwise.
 */
public record Decision(
    String decisionId,
    Effect effect,
    ProductReference product,
    List<ColumnDecision> columns,
    List<RowFilter> rowFilters,
    @Nullable RetentionObligation retention,
    List<Reason> reasons,
    BundleInfo bundle,
    Instant evaluatedAt,
    List<RuleReference> appliedRules,
    List<OpaConsultation> opa) {

  public Decision {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    columns = List.copyOf(columns);
    rowFilters = List.copyOf(rowFilters);
    reasons = List.copyOf(reasons);
    appliedRules = List.copyOf(appliedRules);
    opa = List.copyOf(opa);
    if (effect == Effect.DENY && (!columns.isEmpty() || !rowFilters.isEmpty() || retention != null)) {
      throw new IllegalArgumentException("a deny carries no columns, row filters or retention");
    }
  }

  public boolean isPermitted() {
    return effect == Effect.PERMIT;
  }

  /** The decision for column {@code name}, or null if it was not requested or the request was denied. */
  public @Nullable ColumnDecision column(String name) {
    for (ColumnDecision column : columns) {
      if (column.name().equals(name)) {
        return column;
      }
    }
    return null;
  }
}
