package io.meshgov.engine.internal.compile.residual;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.validate.CelSupport;
import java.util.List;

/**
 * Plans a validated row filter into {@link Node}s, once, at compile time: each largest
 * sub-expression that names no column becomes a CEL program (a {@link Known} slot), each function
 * a node class, so deciding never reads a function name.
 */
final class FilterPlanner {
  private final CelAbstractSyntaxTree ast;
  private final List<CelRuntime.Program> programs;

  /** {@code programs} receives the known parts' programs, in slot order. */
  FilterPlanner(CelAbstractSyntaxTree ast, List<CelRuntime.Program> programs) {
    this.ast = ast;
    this.programs = programs;
  }

  Node plan(CelExpr expr) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
      return new Literal(constant(expr.constant()));
    }
    if (CelSupport.freeNames(expr).isEmpty()) {
      programs.add(program(expr));
      return new Known(programs.size() - 1);
    }
    switch (expr.getKind()) {
      case IDENT:
        return new ColumnRef(expr.ident().name());
      case LIST:
        return new ListOf(plan(expr.list().elements()));
      case CALL:
        return call(expr.call());
      default:
        // the validator admits nothing else that names a column
        throw new IllegalStateException("unexpected " + expr.getKind() + " in a row filter");
    }
  }

  private Node[] plan(List<CelExpr> exprs) {
    Node[] nodes = new Node[exprs.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = plan(exprs.get(i));
    }
    return nodes;
  }

  private Node call(CelExpr.CelCall call) {
    // arguments before the target: slots, and so the first error reported, follow this order
    Node[] args = plan(call.args());
    Node target = call.target().isPresent() ? plan(call.target().get()) : null;
    Operator operator = Operator.forFunction(call.function());
    if (operator == null) {
      return new Call(call.function(), target, args);
    }
    if (target != null || args.length != (operator.unary() ? 1 : 2)) {
      throw new IllegalStateException("unexpected form of " + call.function() + " in a row filter");
    }
    switch (operator) {
      case LOGICAL_AND:
        return new And(args[0], args[1]);
      case LOGICAL_OR:
        return new Or(args[0], args[1]);
      case LOGICAL_NOT:
        return new Not(args[0]);
      case NEGATE:
        return new Negate(args[0]);
      default:
        return new Infix(operator, args[0], args[1]);
    }
  }

  private CelRuntime.Program program(CelExpr expr) {
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
}
