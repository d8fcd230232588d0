package io.meshgov.engine.internal.compile.residual;

/** A constant written in the filter: {@code 'EU'}, {@code 100.0}. */
final class Literal implements Node {
  final Object value;

  Literal(Object value) {
    this.value = value;
  }

  @Override
  public boolean errs(Object[] values) {
    return false;
  }

  @Override
  public Object value(Object[] values) {
    return value;
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    render(value, out, parentPrecedence);
  }

  /** Writes {@code value} as a CEL literal; a negative number in parentheses where a unary operator binds. */
  static void render(Object value, StringBuilder out, int parentPrecedence) {
    int start = out.length();
    CelValues.append(out, value);
    if (parentPrecedence >= Precedence.UNARY && out.length() > start && out.charAt(start) == '-') {
      out.insert(start, '(').append(')');
    }
  }
}
