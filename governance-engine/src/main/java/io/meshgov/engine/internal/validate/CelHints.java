package io.meshgov.engine.internal.validate;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Words CEL's "no matching overload" errors for a policy author: the operator and the operand types
 * as a condition reads them (no overload lists, no protobuf type names), and a fix for the mistakes
 * authors make: a list compared with a string ({@code subject.roles == 'admin'}), an attribute (a
 * string) compared with a number, a timestamp compared with a string.
 */
final class CelHints {
  /** A rewritten type error: what is wrong, and what to write instead. */
  record Hint(String message, String help) {}

  private static final Pattern OVERLOAD =
      Pattern.compile("found no matching overload for '([^']+)' applied to '\\((.*)\\)'");
  private static final CelUnparser UNPARSER = CelUnparserFactory.newUnparser();
  private static final Map<String, String> OPERATORS = Map.ofEntries(
      Map.entry("_==_", "=="), Map.entry("_!=_", "!="), Map.entry("_<_", "<"), Map.entry("_<=_", "<="),
      Map.entry("_>_", ">"), Map.entry("_>=_", ">="), Map.entry("_+_", "+"), Map.entry("_-_", "-"),
      Map.entry("_*_", "*"), Map.entry("_/_", "/"), Map.entry("_%_", "%"), Map.entry("@in", "in"),
      Map.entry("_[_]", "[…]"), Map.entry("!_", "!"), Map.entry("-_", "-"), Map.entry("_&&_", "&&"),
      Map.entry("_||_", "||"), Map.entry("_?_:_", "?:"));

  private CelHints() {}

  /** Protobuf's names for CEL's timestamp and duration, as CEL's messages print them. */
  static String readableTypes(String message) {
    return message.replace("google.protobuf.Timestamp", "timestamp").replace("google.protobuf.Duration", "duration");
  }

  /** A hint for a "no matching overload" issue in {@code expression}; null for other issues. */
  static @Nullable Hint overload(String expression, CelIssue issue) {
    Matcher matcher = OVERLOAD.matcher(issue.getMessage());
    if (!matcher.find()) {
      return null;
    }
    String function = matcher.group(1);
    String operator = OPERATORS.getOrDefault(function, function);
    List<String> types = splitTypes(readableTypes(matcher.group(2)));
    String message = types.size() == 2
        ? "'" + operator + "' cannot be applied to " + types.get(0) + " and " + types.get(1)
        : "'" + operator + "' cannot be applied to (" + String.join(", ", types) + ")";
    List<String> operands = operands(expression, issue, function);
    return new Hint(message, help(function, operator, types, operands));
  }

  private static String help(String function, String operator, List<String> types, List<String> operands) {
    if (types.size() != 2 || operands.size() != 2) {
      return "fix the expression's types";
    }
    String left = operands.get(0);
    String right = operands.get(1);
    boolean equality = function.equals("_==_") || function.equals("_!=_");
    if (equality && types.get(0).startsWith("list(") && !types.get(1).startsWith("list(")) {
      return membership(function, right, left);
    }
    if (equality && types.get(1).startsWith("list(") && !types.get(0).startsWith("list(")) {
      return membership(function, left, right);
    }
    boolean leftAttribute = left.startsWith("subject.attributes");
    boolean rightAttribute = right.startsWith("subject.attributes");
    if ((leftAttribute && types.get(0).equals("string") && isScalar(types.get(1)))
        || (rightAttribute && types.get(1).equals("string") && isScalar(types.get(0)))) {
      String attribute = leftAttribute ? left : right;
      String other = leftAttribute ? right : left;
      String otherType = leftAttribute ? types.get(1) : types.get(0);
      String converted = otherType.equals("double") ? "double(" + attribute + ")"
          : otherType.equals("bool") ? attribute + " == 'true'" : "int(" + attribute + ")";
      String example = equality ? attribute + " " + operator + " '" + unquoted(other) + "'"
          : converted + " " + operator + " " + other;
      return "subject attributes are strings: compare with a string, or convert the attribute; did you mean "
          + example + "?";
    }
    if (types.contains("timestamp") && types.contains("string")) {
      return "compare a timestamp with a timestamp: write timestamp('2026-01-01T00:00:00Z')";
    }
    return "fix the expression's types";
  }

  private static String membership(String function, String element, String list) {
    String test = element + " in " + list;
    return "to test whether a list holds a value, use in: did you mean "
        + (function.equals("_!=_") ? "!(" + test + ")" : test) + "?";
  }

  private static boolean isScalar(String type) {
    return type.equals("int") || type.equals("uint") || type.equals("double") || type.equals("bool");
  }

  private static String unquoted(String literal) {
    return literal.replace("'", "").replace("\"", "");
  }

  /** The operands of the call the issue points at, as CEL text; empty when they cannot be found. */
  private static List<String> operands(String expression, CelIssue issue, String function) {
    if (issue.getSourceLocation() == null) {
      return List.of();
    }
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse(expression);
    if (parsed.hasError()) {
      return List.of();
    }
    try {
      CelAbstractSyntaxTree ast = parsed.getAst();
      int offset = ast.getSource()
          .getLocationOffset(issue.getSourceLocation().getLine(), issue.getSourceLocation().getColumn()).orElse(-1);
      CelExpr call = find(ast, ast.getExpr(), function, offset);
      if (call == null) {
        return List.of();
      }
      List<String> operands = new ArrayList<>();
      for (CelExpr arg : call.call().args()) {
        operands.add(isPlainString(arg) ? "'" + arg.constant().stringValue() + "'"
            : UNPARSER.unparse(CelAbstractSyntaxTree.newParsedAst(arg, ast.getSource())));
      }
      return operands;
    } catch (CelValidationException | RuntimeException e) {
      // a hint is a courtesy: without one the error still stands, worded plainly
      return List.of();
    }
  }

  /** A string literal written back as policy files write them, in single quotes, when it can be. */
  private static boolean isPlainString(CelExpr expr) {
    return expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && expr.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
        && expr.constant().stringValue().chars().allMatch(c -> c >= ' ' && c != '\'' && c != '\\' && c < 127);
  }

  private static @Nullable CelExpr find(CelAbstractSyntaxTree ast, CelExpr expr, String function, int offset) {
    if (expr.getKind() == CelExpr.ExprKind.Kind.CALL) {
      Integer position = ast.getSource().getPositionsMap().get(expr.id());
      if (expr.call().function().equals(function) && position != null && position == offset) {
        return expr;
      }
      for (CelExpr arg : expr.call().args()) {
        CelExpr found = find(ast, arg, function, offset);
        if (found != null) {
          return found;
        }
      }
      if (expr.call().target().isPresent()) {
        return find(ast, expr.call().target().get(), function, offset);
      }
    } else if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
      return find(ast, expr.select().operand(), function, offset);
    } else if (expr.getKind() == CelExpr.ExprKind.Kind.LIST) {
      for (CelExpr element : expr.list().elements()) {
        CelExpr found = find(ast, element, function, offset);
        if (found != null) {
          return found;
        }
      }
    } else if (expr.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
      CelExpr found = find(ast, expr.comprehension().iterRange(), function, offset);
      return found != null ? found : find(ast, expr.comprehension().loopStep(), function, offset);
    }
    return null;
  }

  /** Splits "list(string), map(string, string)" at its top-level commas. */
  private static List<String> splitTypes(String types) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < types.length(); i++) {
      char c = types.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(types.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(types.substring(start).trim());
    return parts;
  }
}
