package io.meshgov.engine.internal.compile.residual;

/** A list literal with a column among its elements: folded strictly. */
final class ListOf implements Node {
  final Node[] elements;

  ListOf(Node[] elements) {
    this.elements = elements;
  }

  @Override
  public boolean errs(Object[] values) {
    for (Node element : elements) {
      if (element.errs(values)) {
        return true;
      }
    }
    return false;
  }

  /** Itself: it names a column, and its known elements are written in place when rendered. */
  @Override
  public Object value(Object[] values) {
    return this;
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    out.append('[');
    for (int i = 0; i < elements.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      elements[i].render(values, out, Precedence.TOP);
    }
    out.append(']');
  }
}
