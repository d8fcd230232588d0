package io.meshgov.engine.internal.compile.residual;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.validate.CelSupport;
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
 */
public final class ResidualFilter {
  private final String source;
  private final Node root;
  private final CelRuntime.Program[] knownParts;
  private final List<String> columns;

  private ResidualFilter(String source, Node root, CelRuntime.Program[] knownParts, List<String> columns) {
    this.source = source;
    this.root = root;
    this.knownParts = knownParts;
    this.columns = columns;
  }

  /**
   * Compiled filters by source text: a residual filter depends on the expression alone (its known
   * parts are planned in a product-independent environment) and is immutable, so a filter an OPA
   * answer brings again, or a reload compiles again, is reused. Bounded.
   */
  private static final com.github.benmanes.caffeine.cache.Cache<String, ResidualFilter> COMPILED =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(4_096).build();

  public static ResidualFilter compile(Filter filter) {
    ResidualFilter compiled = COMPILED.getIfPresent(filter.source());
    if (compiled != null && filter.columns().equals(java.util.Set.copyOf(compiled.columns))) {
      return compiled;
    }
    compiled = build(filter);
    COMPILED.put(filter.source(), compiled);
    return compiled;
  }

  private static ResidualFilter build(Filter filter) {
    List<CelRuntime.Program> programs = new ArrayList<>();
    Node root = plan(filter.parsedAst(), filter.parsedAst().getExpr(), programs);
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
    Object[] values = new Object[knownParts.length];
    String firstError = null;
    for (int i = 0; i < knownParts.length; i++) {
      try {
        values[i] = knownParts[i].eval(variables);
      } catch (CelEvaluationException | RuntimeException e) {
        values[i] = Error.INSTANCE;
        if (firstError == null) {
          firstError = e.getMessage();
        }
      }
    }
    Object folded = whenTrue(root, values);
    if (folded instanceof Node node) {
      StringBuilder out = new StringBuilder();
      render(node, values, out, 0);
      return new Residual(out.toString(), firstError);
    }
    if (Boolean.TRUE.equals(folded)) {
      return new Residual("true", firstError);
    }
    return new Residual("false", firstError == null ? "the filter is false for every row" : firstError);
  }

  /** A residual expression, and why part of it was decided by an error (null when none was). */
  public record Residual(String expression, @Nullable String error) {}

  // ---------------------------------------------------------------- planning

  private static Node plan(CelAbstractSyntaxTree ast, CelExpr expr, List<CelRuntime.Program> programs) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
      return new Literal(constant(expr.constant()));
    }
    if (CelSupport.freeNames(expr).isEmpty()) {
      programs.add(program(ast, expr));
      return new Known(programs.size() - 1);
    }
    switch (expr.getKind()) {
      case IDENT:
        return new ColumnRef(expr.ident().name());
      case LIST: {
        List<CelExpr> elements = expr.list().elements();
        Node[] nodes = new Node[elements.size()];
        for (int i = 0; i < nodes.length; i++) {
          nodes[i] = plan(ast, elements.get(i), programs);
        }
        return new ListOf(nodes);
      }
      case CALL: {
        List<CelExpr> args = expr.call().args();
        Node[] nodes = new Node[args.size()];
        for (int i = 0; i < nodes.length; i++) {
          nodes[i] = plan(ast, args.get(i), programs);
        }
        Node target = expr.call().target().isPresent() ? plan(ast, expr.call().target().get(), programs) : null;
        return new Call(expr.call().function(), target, nodes);
      }
      default:
        // the validator admits nothing else that names a column
        throw new IllegalStateException("unexpected " + expr.getKind() + " in a row filter");
    }
  }

  private static CelRuntime.Program program(CelAbstractSyntaxTree ast, CelExpr expr) {
    Cel cel = ConditionEnvironment.knownPart();
    try {
      CelAbstractSyntaxTree part = CelAbstractSyntaxTree.newParsedAst(expr, ast.getSource());
      return cel.createProgram(cel.check(part).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException("a validated filter part failed to compile: " + e.getMessage(), e);
    }
  }

  private static Object constant(CelConstant constant) {
    switch (constant.getKind()) {
      case STRING_VALUE:
        return constant.stringValue();
      case INT64_VALUE:
        return constant.int64Value();
      case DOUBLE_VALUE:
        return constant.doubleValue();
      case BOOLEAN_VALUE:
        return constant.booleanValue();
      case UINT64_VALUE:
        return constant.uint64Value();
      default:
        return dev.cel.common.values.NullValue.NULL_VALUE;
    }
  }

  // ---------------------------------------------------------------- folding

  /*
   * A row is visible where the filter is true; where it is false or errs, the row is hidden. So
   * each boolean sub-expression is folded into two residuals: where it is true, and where it is
   * false (where neither holds, it errs). For CEL's commutative logic:
   *   true(a && b) = true(a) && true(b)     false(a && b) = false(a) || false(b)
   *   true(a || b) = true(a) || true(b)     false(a || b) = false(a) && false(b)
   *   true(!a)     = false(a)               false(!a)     = true(a)
   * and an error is neither true nor false. A residual comparison r keeps CEL's own semantics on
   * each row: true(r) = r and false(r) = !r both err, and so hide the row, where r errs.
   */

  /** Where {@code node} is true: a residual or a Boolean. */
  private static Object whenTrue(Node node, Object[] values) {
    if (!hasError(node, values)) {
      // without errors, plain folding keeps the author's shape: !(a || b) stays so
      return valueOf(node, values);
    }
    if (node instanceof Call call) {
      switch (call.function) {
        case "_&&_":
          return and(whenTrue(call.args[0], values), whenTrue(call.args[1], values));
        case "_||_":
          return or(whenTrue(call.args[0], values), whenTrue(call.args[1], values));
        case "!_":
          return whenFalse(call.args[0], values);
        default:
          break;
      }
    }
    Object atom = atom(node, values);
    return atom == Error.INSTANCE ? Boolean.FALSE : atom;
  }

  /** Where {@code node} is false: a residual or a Boolean. */
  private static Object whenFalse(Node node, Object[] values) {
    if (!hasError(node, values)) {
      return not(valueOf(node, values));
    }
    if (node instanceof Call call) {
      switch (call.function) {
        case "_&&_":
          return or(whenFalse(call.args[0], values), whenFalse(call.args[1], values));
        case "_||_":
          return and(whenFalse(call.args[0], values), whenFalse(call.args[1], values));
        case "!_":
          return whenTrue(call.args[0], values);
        default:
          break;
      }
    }
    Object atom = atom(node, values);
    return atom == Error.INSTANCE ? Boolean.FALSE : not(atom);
  }

  private static Object not(Object value) {
    if (value instanceof Boolean bool) {
      return !bool;
    }
    Node residual = (Node) value;
    if (residual instanceof Call call && call.function.equals("!_")) {
      return call.args[0];
    }
    return new Call("!_", null, new Node[] {residual});
  }

  /** The value of an error-free node: a Boolean (or other value), or a residual. */
  private static Object valueOf(Node node, Object[] values) {
    if (node instanceof Call call) {
      switch (call.function) {
        case "_&&_":
          return and(valueOf(call.args[0], values), valueOf(call.args[1], values));
        case "_||_":
          return or(valueOf(call.args[0], values), valueOf(call.args[1], values));
        case "!_":
          return not(valueOf(call.args[0], values));
        default:
          break;
      }
    }
    return atom(node, values);
  }

  private static boolean hasError(Node node, Object[] values) {
    if (node instanceof Known known) {
      return values[known.slot] == Error.INSTANCE;
    }
    if (node instanceof ListOf list) {
      for (Node element : list.elements) {
        if (hasError(element, values)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof Call call) {
      if (call.target != null && hasError(call.target, values)) {
        return true;
      }
      for (Node arg : call.args) {
        if (hasError(arg, values)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A node that is not a logical connective, folded strictly: its value, a residual over columns, or
   * {@link Error#INSTANCE} when any part errs. A connective nested inside it (say {@code (a && b) ==
   * c}) errs along with it if any part of it errs, which hides the rows: never more visible.
   */
  private static Object atom(Node node, Object[] values) {
    if (node instanceof Literal literal) {
      return literal.value;
    }
    if (node instanceof Known known) {
      return values[known.slot];
    }
    if (node instanceof ColumnRef) {
      return node;
    }
    if (node instanceof ListOf list) {
      Node[] elements = new Node[list.elements.length];
      for (int i = 0; i < elements.length; i++) {
        Object element = atom(list.elements[i], values);
        if (element == Error.INSTANCE) {
          return Error.INSTANCE;
        }
        elements[i] = asNode(element);
      }
      return new ListOf(elements);
    }
    Call call = (Call) node;
    Node target = null;
    if (call.target != null) {
      Object folded = atom(call.target, values);
      if (folded == Error.INSTANCE) {
        return Error.INSTANCE;
      }
      target = asNode(folded);
    }
    Node[] args = new Node[call.args.length];
    for (int i = 0; i < args.length; i++) {
      Object folded = atom(call.args[i], values);
      if (folded == Error.INSTANCE) {
        return Error.INSTANCE;
      }
      args[i] = asNode(folded);
    }
    return new Call(call.function, target, args);
  }

  private static Object and(Object left, Object right) {
    if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
      return Boolean.FALSE;
    }
    if (Boolean.TRUE.equals(left)) {
      return right;
    }
    if (Boolean.TRUE.equals(right)) {
      return left;
    }
    return new Call("_&&_", null, new Node[] {(Node) left, (Node) right});
  }

  private static Object or(Object left, Object right) {
    if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
      return Boolean.TRUE;
    }
    if (Boolean.FALSE.equals(left)) {
      return right;
    }
    if (Boolean.FALSE.equals(right)) {
      return left;
    }
    return new Call("_||_", null, new Node[] {(Node) left, (Node) right});
  }

  private static Node asNode(Object value) {
    return value instanceof Node node ? node : new Literal(value);
  }

  // ---------------------------------------------------------------- rendering

  private static final int OR = 1;
  private static final int AND = 2;
  private static final int RELATION = 3;
  private static final int ADD = 4;
  private static final int MULTIPLY = 5;
  private static final int UNARY = 6;
  private static final int PRIMARY = 7;

  private static int precedence(Node node) {
    if (!(node instanceof Call call)) {
      return PRIMARY;
    }
    switch (call.function) {
      case "_||_":
        return OR;
      case "_&&_":
        return AND;
      case "_==_":
      case "_!=_":
      case "_<_":
      case "_<=_":
      case "_>_":
      case "_>=_":
      case "@in":
        return RELATION;
      case "_+_":
      case "_-_":
        return ADD;
      case "_*_":
      case "_/_":
      case "_%_":
        return MULTIPLY;
      case "!_":
      case "-_":
        return UNARY;
      default:
        return PRIMARY;
    }
  }

  private static void render(Node node, Object[] values, StringBuilder out, int parentPrecedence) {
    if (node instanceof Literal literal) {
      String text = CelValues.literal(literal.value);
      boolean negative = text.startsWith("-");
      if (negative && parentPrecedence >= UNARY) {
        out.append('(').append(text).append(')');
      } else {
        out.append(text);
      }
      return;
    }
    if (node instanceof ColumnRef column) {
      out.append(column.name);
      return;
    }
    if (node instanceof Known known) {
      render(new Literal(values[known.slot]), values, out, parentPrecedence);
      return;
    }
    if (node instanceof ListOf list) {
      out.append('[');
      for (int i = 0; i < list.elements.length; i++) {
        if (i > 0) {
          out.append(", ");
        }
        render(list.elements[i], values, out, 0);
      }
      out.append(']');
      return;
    }
    Call call = (Call) node;
    int precedence = precedence(call);
    boolean parenthesize = precedence < parentPrecedence;
    if (parenthesize) {
      out.append('(');
    }
    String operator = operator(call.function);
    if (operator != null && call.args.length == 2) {
      render(call.args[0], values, out, precedence);
      out.append(' ').append(operator).append(' ');
      // left-associative: an equal-precedence right operand needs parentheses
      render(call.args[1], values, out, precedence + 1);
    } else if (call.function.equals("!_") || call.function.equals("-_")) {
      out.append(call.function.charAt(0));
      render(call.args[0], values, out, UNARY);
    } else {
      if (call.target != null) {
        render(call.target, values, out, PRIMARY);
        out.append('.');
      }
      out.append(call.function).append('(');
      for (int i = 0; i < call.args.length; i++) {
        if (i > 0) {
          out.append(", ");
        }
        render(call.args[i], values, out, 0);
      }
      out.append(')');
    }
    if (parenthesize) {
      out.append(')');
    }
  }

  private static @Nullable String operator(String function) {
    switch (function) {
      case "_||_":
        return "||";
      case "_&&_":
        return "&&";
      case "_==_":
        return "==";
      case "_!=_":
        return "!=";
      case "_<_":
        return "<";
      case "_<=_":
        return "<=";
      case "_>_":
        return ">";
      case "_>=_":
        return ">=";
      case "@in":
        return "in";
      case "_+_":
        return "+";
      case "_-_":
        return "-";
      case "_*_":
        return "*";
      case "_/_":
        return "/";
      case "_%_":
        return "%";
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- tree

  private interface Node {}

  private record Literal(Object value) implements Node {}

  private record Known(int slot) implements Node {}

  private record ColumnRef(String name) implements Node {}

  private record ListOf(Node[] elements) implements Node {}

  private record Call(String function, @Nullable Node target, Node[] args) implements Node {}

  private enum Error {
    INSTANCE
  }
}
