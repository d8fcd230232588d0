package io.meshgov.engine.internal.compile.residual;

/**
 * A node of a planned row filter. Planning resolves every CEL function to a node class once, so a
 * decision never looks at a function name: it folds the tree with the values of the known parts
 * ({@code values}, indexed by {@link Known#slot}, {@link Fold#ERROR} where a part erred) and
 * renders what remains.
 *
 * <p>A row is visible where the filter is true; where it is false or errs, the row is hidden. So
 * each boolean node folds into two residuals: where it is true ({@link #whenTrue}) and where it is
 * false ({@link #whenFalse}); where neither holds, it errs. The connectives ({@link And}, {@link
 * Or}, {@link Not}) fold by CEL's commutative logic, in which an error is neither true nor false:
 *
 * <pre>
 *   true(a &amp;&amp; b) = true(a) &amp;&amp; true(b)     false(a &amp;&amp; b) = false(a) || false(b)
 *   true(a || b) = true(a) || true(b)     false(a || b) = false(a) &amp;&amp; false(b)
 *   true(!a)     = false(a)               false(!a)     = true(a)
 * </pre>
 *
 * Every other node is folded strictly: it errs as a whole when any part of it errs (a connective
 * nested inside it, say {@code (a && b) == c}, errs along with it, which hides rows: never more
 * visible). A residual comparison r keeps CEL's own semantics on each row: true(r) = r and false(r)
 * = !r both err, and so hide the row, where r errs.
 *
 * <p>Folded results are {@link Boolean}s, other CEL values, or residual nodes. A node that folds to
 * itself returns itself, known values being written in place when it is rendered, so a decision
 * builds nodes only where folding changes the planned tree's shape (a connective with a decided
 * side inside another, or an error). Nodes are immutable and shared by all threads.
 */
sealed interface Node permits And, Or, Not, Infix, Negate, Call, ListOf, Literal, Known, ColumnRef {

  /** Whether a known part under this node erred. */
  boolean errs(Object[] values);

  /** The value of a node that does not err: a CEL value, or a residual node. */
  Object value(Object[] values);

  /** Where this node is true: a Boolean or a residual. */
  default Object whenTrue(Object[] values) {
    return errs(values) ? Boolean.FALSE : value(values);
  }

  /** Where this node is false: a Boolean or a residual. */
  default Object whenFalse(Object[] values) {
    return errs(values) ? Boolean.FALSE : Fold.not(value(values));
  }

  /**
   * Writes this node as CEL, known parts as literals, in parentheses when it binds more loosely
   * than {@code parentPrecedence} requires.
   */
  void render(Object[] values, StringBuilder out, int parentPrecedence);
}
