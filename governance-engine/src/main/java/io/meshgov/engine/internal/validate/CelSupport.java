package io.meshgov.engine.internal.validate;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.Position;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Maps CEL positions into the policy file and walks parsed ASTs. */
public final class CelSupport {
  private CelSupport() {}

  /** The file position of a CEL issue inside the scalar that holds the expression. */
  public static Position position(Scalar scalar, CelIssue issue, @Nullable String fileText) {
    CelSourceLocation location = issue.getSourceLocation();
    if (location == null || location.getLine() < 1) {
      return scalar.contentPosition();
    }
    int column = Math.max(0, location.getColumn());
    return fileText == null ? scalar.positionInText(location.getLine(), column)
        : scalar.locate(fileText, location.getLine(), column);
  }

  /** The file position of an expression node inside the scalar. */
  public static Position position(Scalar scalar, CelAbstractSyntaxTree ast, CelExpr expr, @Nullable String fileText) {
    Integer offset = ast.getSource().getPositionsMap().get(expr.id());
    return offset == null ? scalar.contentPosition() : position(scalar, ast, offset, fileText);
  }

  /** The file position of an offset (in code points) in the expression the AST was parsed from. */
  public static Position position(Scalar scalar, CelAbstractSyntaxTree ast, int offset, @Nullable String fileText) {
    return ast.getSource().getOffsetLocation(offset)
        .map(location -> fileText == null ? scalar.positionInText(location.getLine(), location.getColumn())
            : scalar.locate(fileText, location.getLine(), location.getColumn()))
        .orElse(scalar.contentPosition());
  }

  /** The bare identifiers of a parsed filter that are not subject, request, product or column: its columns. */
  public static Set<String> freeNames(CelExpr expr) {
    Set<String> names = new LinkedHashSet<>();
    collectFreeNames(expr, names);
    return names;
  }

  private static void collectFreeNames(CelExpr expr, Set<String> names) {
    switch (expr.getKind()) {
      case IDENT:
        if (!ConditionEnvironment.ROOTS.contains(expr.ident().name())) {
          names.add(expr.ident().name());
        }
        break;
      case SELECT:
        collectFreeNames(expr.select().operand(), names);
        break;
      case CALL:
        expr.call().target().ifPresent(target -> collectFreeNames(target, names));
        for (CelExpr arg : expr.call().args()) {
          collectFreeNames(arg, names);
        }
        break;
      case LIST:
        for (CelExpr element : expr.list().elements()) {
          collectFreeNames(element, names);
        }
        break;
      case MAP:
        for (var entry : expr.map().entries()) {
          collectFreeNames(entry.key(), names);
          collectFreeNames(entry.value(), names);
        }
        break;
      case COMPREHENSION:
        collectFreeNames(expr.comprehension().iterRange(), names);
        break;
      default:
        break;
    }
  }
}
