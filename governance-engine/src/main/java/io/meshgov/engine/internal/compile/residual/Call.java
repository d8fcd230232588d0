package io.meshgov.engine.internal.compile.residual;

import org.jspecify.annotations.Nullable;

/**
 * A function called by name, as a global ({@code size(code)}) or on a target ({@code
 * name.startsWith('EU')}): folded strictly.
 */
final class Call implements Node {
  final String function;
  final @Nullable Node target;
  final Node[] args;

  Call(String function, @Nullable Node target, Node[] args) {
    this.function = function;
    this.target = target;
    this.args = args;
  }

  @Override
  public boolean errs(Object[] values) {
    if (target != null && target.errs(values)) {
      return true;
    }
    for (Node arg : args) {
      if (arg.errs(values)) {
        return true;
      }
    }
    return false;
  }

  /** Itself: it names a column, and its known parts are written in place when rendered. */
  @Override
  public Object value(Object[] values) {
    return this;
  }


  @Override
  public void render(Object[] values, StringBuilder out, int parentPrecedence) {
    if (target != null) {
      target.render(values, out, Precedence.PRIMARY);
      out.append('.');
    }
    out.append(function).append('(');
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      args[i].render(values, out, Precedence.TOP);
    }
    out.append(')');
  }
}
