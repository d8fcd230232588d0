package io.meshgov.engine.internal.compile.residual;

/**
 * Combines folded operands ({@link Boolean}s or residual nodes) as CEL's logic does, building a
 * node only for what stays undecided. Operands are never errors: the connectives fold those away
 * first (see {@link Node}).
 */
final class Fold {
  /** The value of a known part that erred. */
  static final Object ERROR = Marker.ERROR;

  private enum Marker {
    ERROR
  }

  private Fold() {}

  static Object and(Object left, Object right) {
    if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
      return Boolean.FALSE;
    }
    if (Boolean.TRUE.equals(left)) {
      return right;
    }
    if (Boolean.TRUE.equals(right)) {
      return left;
    }
    return new And((Node) left, (Node) right);
  }

  static Object or(Object left, Object right) {
    if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
      return Boolean.TRUE;
    }
    if (Boolean.FALSE.equals(left)) {
      return right;
    }
    if (Boolean.FALSE.equals(right)) {
      return left;
    }
    return new Or((Node) left, (Node) right);
  }

  static Object not(Object value) {
    if (value instanceof Boolean bool) {
      return !bool;
    }
    Node residual = (Node) value;
    if (residual instanceof Not not) {
      return not.operand;
    }
    return new Not(residual);
  }
}
