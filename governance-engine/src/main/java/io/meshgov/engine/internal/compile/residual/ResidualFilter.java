package io.meshgov.engine.internal.compile.residual;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import io.meshgov.engine.internal.validate.Filter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A row filter prepared for partial evaluation. At compile time every largest sub-expression that
 * names no column becomes a CEL program; at decision time those programs run against the subject
 * and request, their values are substituted, and what is decided is folded away with CEL's own
 * error semantics: the residual is true exactly on the rows where the original filter is true, so
 * a row on which the filter errs stays hidden. What remains is an expression over column names
 * only.
 *
 * <p>Immutable and thread-safe; compiled through an engine's {@link CompiledFilters}.
 */
public final class ResidualFilter {
  private final String source;
  private final Node root;
  private final CelRuntime.Program[] knownParts;
  private final List<String> columns;
  /** The residual of a filter without known parts, the same for every decision; else null. */
  private final @Nullable Residual constant;

  private ResidualFilter(String source, Node root, CelRuntime.Program[] knownParts, List<String> columns) {
    this.source = source;
    this.root = root;
    this.knownParts = knownParts;
    this.columns = columns;
    this.constant = constant(root, knownParts.length);
  }

  /**
   * A filter that reads only columns and constants ({@code consent_marketing == true}) folds the
   * same way on every decision: fold it once. Null when it has known parts, or cannot be folded
   * (then each decision reports that, as for any filter).
   */
  private static @Nullable Residual constant(Node root, int knownParts) {
    if (knownParts > 0) {
      return null;
    }
    try {
      return fold(root, new Object[0], null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Plans and compiles {@code filter}; {@link CompiledFilters} remembers the result. */
  static ResidualFilter compile(Filter filter) {
    List<CelRuntime.Program> programs = new ArrayList<>();
    Node root = new FilterPlanner(filter.parsedAst(), programs).plan(filter.parsedAst().getExpr());
    return new ResidualFilter(filter.source(), root, programs.toArray(new CelRuntime.Program[0]),
        List.copyOf(filter.columns()));
  }

  public String source() {
    return source;
  }

  /** The column names the filter uses. */
  public List<String> columns() {
    return columns;
  }

  /** The residual for these subject and request values, or {@code false} when the filter errs for every row. */
  public Residual evaluate(CelVariableResolver variables) {
    if (constant != null) {
      return constant;
    }
    Object[] values = new Object[knownParts.length];
    String firstError = null;
    for (int i = 0; i < knownParts.length; i++) {
      try {
        values[i] = knownParts[i].eval(variables);
      } catch (CelEvaluationException | RuntimeException e) {
        values[i] = Fold.ERROR;
        if (firstError == null) {
          firstError = e.getMessage();
        }
      }
    }
    return fold(root, values, firstError);
  }

  private static Residual fold(Node root, Object[] values, @Nullable String firstError) {
    Object folded = root.whenTrue(values);
    if (folded instanceof Node node) {
      StringBuilder out = new StringBuilder();
      node.render(values, out, Precedence.TOP);
      return new Residual(out.toString(), firstError);
    }
    if (Boolean.TRUE.equals(folded)) {
      return new Residual("true", firstError);
    }
    return new Residual("false", firstError == null ? "the filter is false for every row" : firstError);
  }

  /** A residual expression, and why part of it was decided by an error (null when none was). */
  public record Residual(String expression, @Nullable String error) {}
}
