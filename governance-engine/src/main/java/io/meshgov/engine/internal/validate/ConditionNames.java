package io.meshgov.engine.internal.validate;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the names a condition relies on, in its AST: purposes compared with {@code request.purpose},
 * attribute keys read from {@code subject.attributes}, roles and groups tested against {@code
 * subject.roles} and {@code subject.groups}, tags tested against {@code product.tags} and {@code
 * column.tags}. Works on checked ASTs (where {@code subject.roles} is one identifier) and parsed
 * ones (a selection on {@code subject}) alike. Names built at run time (a concatenation, another
 * attribute) are not literals and are not found.
 */
final class ConditionNames {
  enum Kind {
    PURPOSE,
    ATTRIBUTE,
    ROLE,
    GROUP,
    TAG
  }

  /** One name: its kind, its text and the offset in the expression where it is written. */
  record Use(Kind kind, String name, int offset) {}

  private final CelAbstractSyntaxTree ast;
  private final String text;
  private final List<Use> uses = new ArrayList<>();

  private ConditionNames(CelAbstractSyntaxTree ast) {
    this.ast = ast;
    this.text = ast.getSource().getContent().toString();
  }

  static List<Use> of(CelAbstractSyntaxTree ast) {
    ConditionNames names = new ConditionNames(ast);
    names.visit(ast.getExpr());
    return names.uses;
  }

  private void visit(CelExpr expr) {
    switch (expr.getKind()) {
      case CALL:
        call(expr);
        expr.call().target().ifPresent(this::visit);
        expr.call().args().forEach(this::visit);
        break;
      case SELECT:
        select(expr);
        visit(expr.select().operand());
        break;
      case LIST:
        expr.list().elements().forEach(this::visit);
        break;
      case MAP:
        expr.map().entries().forEach(entry -> {
          visit(entry.key());
          visit(entry.value());
        });
        break;
      case COMPREHENSION:
        comprehension(expr);
        visit(expr.comprehension().iterRange());
        visit(expr.comprehension().accuInit());
        visit(expr.comprehension().loopCondition());
        visit(expr.comprehension().loopStep());
        visit(expr.comprehension().result());
        break;
      default:
        break;
    }
  }

  private void call(CelExpr expr) {
    List<CelExpr> args = expr.call().args();
    if (args.size() != 2 || expr.call().target().isPresent()) {
      return;
    }
    CelExpr left = args.get(0);
    CelExpr right = args.get(1);
    switch (expr.call().function()) {
      case "_==_":
      case "_!=_":
        compared(left, right);
        compared(right, left);
        break;
      case "@in":
        String collection = qualifiedName(right);
        if ("request.purpose".equals(qualifiedName(left)) && right.getKind() == CelExpr.ExprKind.Kind.LIST) {
          literals(Kind.PURPOSE, right.list().elements());
        } else if ("subject.attributes".equals(collection)) {
          literal(Kind.ATTRIBUTE, left);
        } else if (collection != null && listKind(collection) != null) {
          literal(listKind(collection), left);
        }
        break;
      case "_[_]":
        if ("subject.attributes".equals(qualifiedName(left))) {
          literal(Kind.ATTRIBUTE, right);
        }
        break;
      default:
        break;
    }
  }

  /** {@code request.purpose == 'x'}, and a whole list compared: {@code subject.roles == ['a']}. */
  private void compared(CelExpr side, CelExpr other) {
    String name = qualifiedName(side);
    if ("request.purpose".equals(name)) {
      literal(Kind.PURPOSE, other);
    } else if (name != null && listKind(name) != null && other.getKind() == CelExpr.ExprKind.Kind.LIST) {
      literals(listKind(name), other.list().elements());
    }
  }

  /** {@code subject.attributes.k} and {@code has(subject.attributes.k)}. */
  private void select(CelExpr expr) {
    if (!"subject.attributes".equals(qualifiedName(expr.select().operand()))) {
      return;
    }
    String field = expr.select().field();
    uses.add(new Use(Kind.ATTRIBUTE, field, fieldOffset(expr, field)));
  }

  /** {@code subject.roles.exists(r, r == 'admin')} and the other macros over a list of names. */
  private void comprehension(CelExpr expr) {
    String range = qualifiedName(expr.comprehension().iterRange());
    Kind kind = range == null ? null : listKind(range);
    if (kind != null) {
      iterationCompared(kind, expr.comprehension().iterVar(), expr.comprehension().loopStep());
    }
  }

  private void iterationCompared(Kind kind, String variable, CelExpr expr) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CALL) {
      List<CelExpr> args = expr.call().args();
      String function = expr.call().function();
      if ((function.equals("_==_") || function.equals("_!=_")) && args.size() == 2) {
        if (isIdent(args.get(0), variable)) {
          literal(kind, args.get(1));
        } else if (isIdent(args.get(1), variable)) {
          literal(kind, args.get(0));
        }
      }
      args.forEach(arg -> iterationCompared(kind, variable, arg));
    }
  }

  private static boolean isIdent(CelExpr expr, String name) {
    return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(name);
  }

  private static @Nullable Kind listKind(String name) {
    switch (name) {
      case "subject.roles":
        return Kind.ROLE;
      case "subject.groups":
        return Kind.GROUP;
      case "product.tags":
      case "column.tags":
        return Kind.TAG;
      default:
        return null;
    }
  }

  private void literals(Kind kind, List<CelExpr> elements) {
    for (CelExpr element : elements) {
      literal(kind, element);
    }
  }

  private void literal(Kind kind, CelExpr expr) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
      uses.add(new Use(kind, expr.constant().stringValue(), offset(expr)));
    }
  }

  /** {@code subject.roles} whether checked (one identifier) or parsed (a selection on {@code subject}). */
  private static @Nullable String qualifiedName(CelExpr expr) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.IDENT) {
      return expr.ident().name();
    }
    if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT && !expr.select().testOnly()) {
      String operand = qualifiedName(expr.select().operand());
      return operand == null ? null : operand + "." + expr.select().field();
    }
    return null;
  }

  private int offset(CelExpr expr) {
    Integer offset = ast.getSource().getPositionsMap().get(expr.id());
    return offset == null ? -1 : offset;
  }

  /**
   * Where the field's name is written. CEL places a selection at its dot, and {@code has(…)} at its
   * parenthesis, so the name is the last {@code .field} between there and the closing parenthesis.
   */
  private int fieldOffset(CelExpr expr, String field) {
    int startPoint = offset(expr);
    if (startPoint < 0 || startPoint > text.codePointCount(0, text.length())) {
      return startPoint;
    }
    // CEL's offsets count code points; String's indexes count chars
    int start = text.offsetByCodePoints(0, startPoint);
    int end = expr.select().testOnly() ? Math.max(start, text.indexOf(')', start)) : Math.min(text.length(), start + 1);
    int found = -1;
    for (int dot = text.indexOf('.', start); dot >= 0 && dot <= end; dot = text.indexOf('.', dot + 1)) {
      int name = dot + 1;
      while (name < text.length() && Character.isWhitespace(text.charAt(name))) {
        name++;
      }
      if (text.startsWith(field, name)) {
        found = name;
      }
    }
    return found >= 0 ? text.codePointCount(0, found) : startPoint;
  }
}
