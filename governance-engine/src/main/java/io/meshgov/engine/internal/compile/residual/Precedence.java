package io.meshgov.engine.internal.compile.residual;

/** CEL's precedence levels, loosest first, for rendering residuals with only the parentheses they need. */
final class Precedence {
  /** Where any expression stands without parentheses: the whole filter, a list element, an argument. */
  static final int TOP = 0;
  static final int OR = 1;
  static final int AND = 2;
  static final int RELATION = 3;
  static final int ADD = 4;
  static final int MULTIPLY = 5;
  static final int UNARY = 6;
  static final int PRIMARY = 7;

  private Precedence() {}
}
