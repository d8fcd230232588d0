package io.meshgov.engine.internal.compile.residual;

/** {@code !operand}: true where the operand is false, false where it is true (see {@link Node}). */
final class Not implements Node {
  final Node operand;

  Not(Node operand) {
    this.operand = operand;
  }

  @Override
  public boolean errs(Object[] values) {
    return operand.errs(values);
  }

  @Override
  public Object value(Object[] values) {
    Object folded = operand.value(values);
    // !!a folds to a, so a negated negation is not itself
    return folded == operand && !(folded instanceof Not) ? this : Fold.not(folded);
  }

  @Override
  public Object whenTrue(Object[] values) {
    return operand.errs(values) ? operand.whenFalse(values) : value(values);
  }

  @Override
  public Object whenFalse(Object[] values) {
    return operand.errs(values) ? operand.whenTrue(values) : Fold.not(value(values));
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    Operator.LOGICAL_NOT.renderPrefix(operand, values, out, parentPrecedence);
  }
}
