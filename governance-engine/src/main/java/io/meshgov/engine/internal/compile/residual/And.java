package io.meshgov.engine.internal.compile.residual;

/** {@code left && right}: true where both are, false where either is (see {@link Node}). */
final class And implements Node {
  final Node left;
  final Node right;

  And(Node left, Node right) {
    this.left = left;
    this.right = right;
  }

  @Override
  public boolean errs(Object[] values) {
    return left.errs(values) || right.errs(values);
  }

  @Override
  public Object value(Object[] values) {
    return fold(left.value(values), right.value(values));
  }

  /** Equals {@link #value} where nothing errs, so it needs no check for errors first. */
  @Override
  public Object whenTrue(Object[] values) {
    return fold(left.whenTrue(values), right.whenTrue(values));
  }

  @Override
  public Object whenFalse(Object[] values) {
    if (!errs(values)) {
      // without errors, plain folding keeps the author's shape: !(a && b) stays so
      return Fold.not(value(values));
    }
    return Fold.or(left.whenFalse(values), right.whenFalse(values));
  }

  private Object fold(Object foldedLeft, Object foldedRight) {
    return foldedLeft == left && foldedRight == right ? this : Fold.and(foldedLeft, foldedRight);
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    Operator.LOGICAL_AND.renderInfix(left, right, values, out, parentPrecedence);
  }
}
