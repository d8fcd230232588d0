package io.meshgov.engine.internal.compile.residual;

/** Unary minus, {@code -operand}: folded strictly. */
final class Negate implements Node {
  final Node operand;

  Negate(Node operand) {
    this.operand = operand;
  }

  @Override
  public boolean errs(Object[] values) {
    return operand.errs(values);
  }

  /** Itself: it names a column, and a known operand is written in place when rendered. */
  @Override
  public Object value(Object[] values) {
    return this;
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    Operator.NEGATE.renderPrefix(operand, values, out, parentPrecedence);
  }
}
