package io.meshgov.engine.internal.compile.residual;

/** A column, by name: what a residual is written over. */
final class ColumnRef implements Node {
  final String name;

  ColumnRef(String name) {
    this.name = name;
  }

  @Override
  public boolean errs(Object[] values) {
    return false;
  }

  @Override
  public Object value(Object[] values) {
    return this;
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    out.append(name);
  }
}
