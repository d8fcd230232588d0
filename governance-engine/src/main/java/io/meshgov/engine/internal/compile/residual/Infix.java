package io.meshgov.engine.internal.compile.residual;

/** A comparison, {@code in} or arithmetic: folded strictly, it errs where either operand does. */
final class Infix implements Node {
  final Operator operator;
  final Node left;
  final Node right;

  Infix(Operator operator, Node left, Node right) {
    this.operator = operator;
    this.left = left;
    this.right = right;
  }

  @Override
  public boolean errs(Object[] values) {
    return left.errs(values) || right.errs(values);
  }

  /** Itself: it names a column, and its known operands are written in place when rendered. */
  @Override
  public Object value(Object[] values) {
    return this;
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    operator.renderInfix(left, right, values, out, parentPrecedence);
  }
}
