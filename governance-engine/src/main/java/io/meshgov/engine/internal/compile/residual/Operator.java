package io.meshgov.engine.internal.compile.residual;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The CEL operators a row filter may use: their function name, their symbol and precedence. */
enum Operator {
  LOGICAL_OR("_||_", "||", Precedence.OR),
  LOGICAL_AND("_&&_", "&&", Precedence.AND),
  EQUALS("_==_", "==", Precedence.RELATION),
  NOT_EQUALS("_!=_", "!=", Precedence.RELATION),
  LESS("_<_", "<", Precedence.RELATION),
  LESS_EQUALS("_<=_", "<=", Precedence.RELATION),
  GREATER("_>_", ">", Precedence.RELATION),
  GREATER_EQUALS("_>=_", ">=", Precedence.RELATION),
  IN("@in", "in", Precedence.RELATION),
  ADD("_+_", "+", Precedence.ADD),
  SUBTRACT("_-_", "-", Precedence.ADD),
  MULTIPLY("_*_", "*", Precedence.MULTIPLY),
  DIVIDE("_/_", "/", Precedence.MULTIPLY),
  MODULO("_%_", "%", Precedence.MULTIPLY),
  LOGICAL_NOT("!_", "!", Precedence.UNARY),
  NEGATE("-_", "-", Precedence.UNARY);

  private static final Map<String, Operator> BY_FUNCTION = new HashMap<>();

  static {
    for (Operator operator : values()) {
      BY_FUNCTION.put(operator.function, operator);
    }
  }

  final String function;
  final String symbol;
  final int precedence;

  Operator(String function, String symbol, int precedence) {
    this.function = function;
    this.symbol = symbol;
    this.precedence = precedence;
  }

  /** The operator CEL names {@code function}, or null for a function called by name. */
  static @Nullable Operator forFunction(String function) {
    return BY_FUNCTION.get(function);
  }

  boolean unary() {
    return precedence == Precedence.UNARY;
  }

  void renderInfix(Node left, Node right, Object[] values, StringBuilder out, int parentPrecedence) {
    boolean parenthesize = precedence < parentPrecedence;
    if (parenthesize) {
      out.append('(');
    }
    left.render(values, out, precedence);
    out.append(' ').append(symbol).append(' ');
    // left-associative: an equal-precedence right operand needs parentheses
    right.render(values, out, precedence + 1);
    if (parenthesize) {
      out.append(')');
    }
  }

  void renderPrefix(Node operand, Object[] values, StringBuilder out, int parentPrecedence) {
    boolean parenthesize = precedence < parentPrecedence;
    if (parenthesize) {
      out.append('(');
    }
    out.append(symbol);
    operand.render(values, out, precedence);
    if (parenthesize) {
      out.append(')');
    }
  }
}
