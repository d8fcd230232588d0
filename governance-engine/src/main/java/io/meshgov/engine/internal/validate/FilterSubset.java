package io.meshgov.engine.internal.validate;

import dev.cel.common.ast.CelExpr;
import java.util.Optional;
import java.util.Set;

/**
 * The part of CEL a row filter may use (docs/policy-language.md), so every SQL dialect can express it:
 * comparisons, {@code && || !}, {@code in} a list, {@code startsWith endsWith contains size},
 * arithmetic and {@code timestamp(...)}. Parts that name no column are evaluated before the filter
 * leaves the engine, so there indexing ({@code subject.attributes['region']}) and {@code has()}
 * are also allowed.
 */
public final class FilterSubset {
  static final Set<String> FUNCTIONS = Set.of(
      "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "_&&_", "_||_", "!_", "@in",
      "startsWith", "endsWith", "contains", "size",
      "_+_", "_-_", "_*_", "_/_", "_%_", "-_", "timestamp");
  static final Set<String> KNOWN_ONLY_FUNCTIONS = Set.of("_[_]");

  private FilterSubset() {}

  /** The first node outside the subset, with what is wrong with it. */
  public static Optional<Violation> firstViolation(CelExpr expr) {
    boolean columnFree = CelSupport.freeNames(expr).isEmpty();
    switch (expr.getKind()) {
      case CONSTANT:
      case IDENT:
        return Optional.empty();
      case SELECT:
        if (expr.select().testOnly() && !columnFree) {
          return Optional.of(new Violation(expr, "has() may only test subject, request or product fields"));
        }
        return firstViolation(expr.select().operand());
      case LIST:
        for (CelExpr element : expr.list().elements()) {
          Optional<Violation> violation = firstViolation(element);
          if (violation.isPresent()) {
            return violation;
          }
        }
        return Optional.empty();
      case CALL: {
        String function = expr.call().function();
        if (!FUNCTIONS.contains(function) && !(columnFree && KNOWN_ONLY_FUNCTIONS.contains(function))) {
          return Optional.of(new Violation(expr, "'" + display(function) + "' is not allowed in a row filter"));
        }
        if (expr.call().target().isPresent()) {
          Optional<Violation> violation = firstViolation(expr.call().target().get());
          if (violation.isPresent()) {
            return violation;
          }
        }
        for (CelExpr arg : expr.call().args()) {
          Optional<Violation> violation = firstViolation(arg);
          if (violation.isPresent()) {
            return violation;
          }
        }
        return Optional.empty();
      }
      case MAP:
        return Optional.of(new Violation(expr, "map literals are not allowed in a row filter"));
      case STRUCT:
        return Optional.of(new Violation(expr, "message literals are not allowed in a row filter"));
      case COMPREHENSION:
        return Optional.of(new Violation(expr, "macros such as all(), exists() and map() are not allowed in a row filter"));
      default:
        return Optional.of(new Violation(expr, "this expression is not allowed in a row filter"));
    }
  }

  private static String display(String function) {
    switch (function) {
      case "_?_:_":
        return "?:";
      case "_[_]":
        return "[]";
      default:
        return function.replace("_", "");
    }
  }

  public record Violation(CelExpr expr, String message) {}
}
