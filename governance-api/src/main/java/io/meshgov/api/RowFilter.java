package io.meshgov.api;

import java.util.Objects;

/**
 * A condition every visible row satisfies, as a residual CEL expression: subject and request
 * values are substituted, only the product's column names are left free.
 */
public record RowFilter(RuleReference rule, String expression) {
  public RowFilter {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(expression, "expression");
  }
}
