package io.meshgov.engine.internal.compile.residual;

/**
 * A largest part of the filter that names no column: a CEL program run once per decision, whose
 * value (or {@link Fold#ERROR}) the decision holds at {@link #slot}.
 */
final class Known implements Node {
  final int slot;

  Known(int slot) {
    this.slot = slot;
  }

  @Override
  public boolean errs(Object[] values) {
    return values[slot] == Fold.ERROR;
  }

  @Override
  public Object value(Object[] values) {
    return values[slot];
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    Literal.render(values[slot], out, parentPrecedence);
  }
}
