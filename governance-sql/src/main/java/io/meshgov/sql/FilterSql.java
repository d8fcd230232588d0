package io.meshgov.sql;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RowFilter;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates a decision's residual row filter into a SQL predicate that is true on exactly the rows
 * where the filter is true in CEL. The filter is parsed and type-checked in the engine's own filter
 * environment and this class walks the checked AST, so every node is translated by its function and
 * the types CEL resolved, never by its text.
 *
 * <p>CEL and SQL agree once a CEL error is read as SQL's NULL: a NULL column makes every strict
 * operation NULL, and {@code AND}, {@code OR}, {@code NOT} then follow the same three-valued tables
 * as CEL's error-absorbing {@code &&}, {@code ||}, {@code !}; a WHERE clause keeps only TRUE, as a
 * row whose filter errs is hidden. Where SQL would differ, the translation makes it agree
 * (docs/sql.md, "How a filter maps"):
 *
 * <ul>
 *   <li>integer arithmetic that overflows 64 bits, and division or remainder by zero, err in CEL
 *       but fail the whole query in SQL: they are guarded to give NULL;
 *   <li>{@code x in []} is FALSE for a value, NULL for a NULL; SQL has no empty {@code IN ()};
 *   <li>{@code v in [a, col]} errs in CEL when an element errs; SQL's {@code IN} may still be TRUE,
 *       so an element that reads a column makes the whole test NULL when it is NULL;
 *   <li>strings order by code point: PostgreSQL's collation may not, so its operands are {@code
 *       COLLATE "C"};
 *   <li>a date column is, for CEL, the instant of its 00:00 UTC; a decimal column a double.
 * </ul>
 */
final class FilterSql {
  private static final String LONG_MIN = "-9223372036854775808";
  private static final String LONG_MAX = "9223372036854775807";

  private final Dialect dialect;

  FilterSql(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The predicate of one row filter of a decision on {@code product}. */
  Sql predicate(RowFilter filter, DataProduct product) {
    CelAbstractSyntaxTree ast = checked(filter, product);
    return new Translation(ast, product).translate(ast.getExpr());
  }

  /** The columns one row filter reads. */
  java.util.Set<String> columns(RowFilter filter, DataProduct product) {
    java.util.Set<String> columns = new java.util.TreeSet<>();
    collectIdentifiers(checked(filter, product).getExpr(), columns);
    return columns;
  }

  private static void collectIdentifiers(CelExpr expr, java.util.Set<String> names) {
    switch (expr.getKind()) {
      case IDENT:
        names.add(expr.ident().name());
        break;
      case CALL:
        expr.call().target().ifPresent(target -> collectIdentifiers(target, names));
        expr.call().args().forEach(arg -> collectIdentifiers(arg, names));
        break;
      case LIST:
        expr.list().elements().forEach(element -> collectIdentifiers(element, names));
        break;
      default:
        break;
    }
  }

  private static CelAbstractSyntaxTree checked(RowFilter filter, DataProduct product) {
    Cel cel = ConditionEnvironment.filter(product.columns());
    CelValidationResult result = cel.compile(filter.expression());
    if (result.hasError()) {
      throw new IllegalArgumentException("row filter of rule " + filter.rule().id() + " does not type-check for "
          + product.id() + ": " + result.getErrorString());
    }
    try {
      return result.getAst();
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalArgumentException("row filter of rule " + filter.rule().id() + ": " + e.getMessage(), e);
    }
  }

  /** One walk over one checked filter. */
  private final class Translation {
    private final CelAbstractSyntaxTree ast;
    private final DataProduct product;

    Translation(CelAbstractSyntaxTree ast, DataProduct product) {
      this.ast = ast;
      this.product = product;
    }

    Sql translate(CelExpr expr) {
      switch (expr.getKind()) {
        case CONSTANT:
          return constant(expr.constant());
        case IDENT:
          return column(expr.ident().name());
        case CALL:
          return call(expr);
        default:
          throw unsupported(expr, "a " + expr.getKind().name().toLowerCase(java.util.Locale.ROOT) + " expression");
      }
    }

    private Sql constant(CelConstant constant) {
      switch (constant.getKind()) {
        case STRING_VALUE:
          return Sql.value(ParameterType.STRING, constant.stringValue());
        case INT64_VALUE:
          return Sql.value(ParameterType.INTEGER, constant.int64Value());
        case DOUBLE_VALUE:
          return Sql.value(ParameterType.DOUBLE, constant.doubleValue());
        case BOOLEAN_VALUE:
          return Sql.value(ParameterType.BOOLEAN, constant.booleanValue());
        default:
          throw new IllegalArgumentException("a " + constant.getKind() + " literal has no SQL form in a row filter");
      }
    }

    private Sql column(String name) {
      Column column = product.column(name).orElseThrow(
          () -> new IllegalArgumentException("row filter names '" + name + "', not a column of " + product.id()));
      Sql ref = Sql.identifier(name);
      switch (column.type()) {
        case DATE:
          return dialect.dateAsInstant(ref);
        case DECIMAL:
          return Sql.of("CAST(", ref, " AS ", dialect.typeName(ParameterType.DOUBLE), ")");
        default:
          return ref;
      }
    }

    private Sql call(CelExpr expr) {
      String function = expr.call().function();
      List<CelExpr> args = expr.call().args();
      Optional<CelExpr> target = expr.call().target();
      switch (function) {
        case "_&&_":
          return Sql.of("(", translate(args.get(0)), " AND ", translate(args.get(1)), ")");
        case "_||_":
          return Sql.of("(", translate(args.get(0)), " OR ", translate(args.get(1)), ")");
        case "!_":
          return Sql.of("(NOT ", translate(args.get(0)), ")");
        case "_==_":
          return comparison(args, " = ");
        case "_!=_":
          return comparison(args, " <> ");
        case "_<_":
          return comparison(args, " < ");
        case "_<=_":
          return comparison(args, " <= ");
        case "_>_":
          return comparison(args, " > ");
        case "_>=_":
          return comparison(args, " >= ");
        case "@in":
          return in(args.get(0), args.get(1));
        case "startsWith":
          return dialect.startsWith(translate(target.orElseThrow()), translate(args.get(0)));
        case "endsWith":
          return dialect.endsWith(translate(target.orElseThrow()), translate(args.get(0)));
        case "contains":
          return Sql.of("(", dialect.position(translate(args.get(0)), translate(target.orElseThrow())), " > 0)");
        case "size":
          return sizeOf(target.isPresent() ? target.get() : args.get(0));
        case "_+_":
          return arithmetic(expr, args, " + ");
        case "_-_":
          return arithmetic(expr, args, " - ");
        case "_*_":
          return arithmetic(expr, args, " * ");
        case "_/_":
          return divide(expr, args);
        case "_%_":
          return remainder(args);
        case "-_":
          return negate(expr, args.get(0));
        case "timestamp":
          return timestamp(expr, args.get(0));
        default:
          throw unsupported(expr, "the function '" + function + "'");
      }
    }

    /**
     * Both sides of the same CEL type but for CEL's numeric comparisons across int and double,
     * which compare values: the integer side becomes a double.
     */
    private Sql comparison(List<CelExpr> args, String operator) {
      CelKind left = kind(args.get(0));
      CelKind right = kind(args.get(1));
      Sql l = operand(args.get(0), right);
      Sql r = operand(args.get(1), left);
      if (left == CelKind.STRING && right == CelKind.STRING && !operator.equals(" = ") && !operator.equals(" <> ")) {
        l = dialect.byCodePoint(l);
        r = dialect.byCodePoint(r);
      }
      Sql comparison = Sql.of("(", l, operator, r, ")");
      if ((left == CelKind.DOUBLE || right == CelKind.DOUBLE) && dialect.ordersNaN()) {
        // a NaN compares false, but for !=, as in CEL; the engine would order it above every number
        Sql nan = Sql.of("CAST('NaN' AS ", dialect.typeName(ParameterType.DOUBLE), ")");
        String onNaN = operator.equals(" <> ") ? "TRUE" : "FALSE";
        return Sql.of("(CASE WHEN ", l, " = ", nan, " OR ", r, " = ", nan, " THEN ", onNaN, " ELSE ", comparison, " END)");
      }
      return comparison;
    }

    private Sql operand(CelExpr expr, CelKind other) {
      Sql sql = translate(expr);
      if (kind(expr) == CelKind.INT && other == CelKind.DOUBLE) {
        return Sql.of("CAST(", sql, " AS ", dialect.typeName(ParameterType.DOUBLE), ")");
      }
      return sql;
    }

    private Sql in(CelExpr value, CelExpr list) {
      if (list.getKind() != CelExpr.ExprKind.Kind.LIST) {
        throw unsupported(list, "'in' over anything but a list literal");
      }
      List<CelExpr> elements = list.list().elements();
      Sql needle = translate(value);
      if (elements.isEmpty()) {
        return Sql.of("(CASE WHEN ", needle, " IS NULL THEN NULL ELSE FALSE END)");
      }
      List<Sql> members = new ArrayList<>();
      List<Sql> columnChecks = new ArrayList<>();
      for (CelExpr element : elements) {
        Sql member = operand(element, kind(value));
        members.add(member);
        if (readsColumn(element)) {
          columnChecks.add(Sql.of(member, " IS NULL"));
        }
      }
      Sql membership = Sql.of("(", needle, " IN (", Sql.join(", ", members), "))");
      if (columnChecks.isEmpty()) {
        return membership;
      }
      return Sql.of("(CASE WHEN ", Sql.join(" OR ", columnChecks), " THEN NULL ELSE ", membership, " END)");
    }

    private Sql sizeOf(CelExpr operand) {
      if (kind(operand) != CelKind.STRING) {
        throw unsupported(operand, "size() of anything but a string");
      }
      return dialect.charLength(translate(operand));
    }

    private Sql arithmetic(CelExpr expr, List<CelExpr> args, String operator) {
      CelKind kind = kind(expr);
      Sql l = translate(args.get(0));
      Sql r = translate(args.get(1));
      if (kind == CelKind.STRING && operator.equals(" + ")) {
        return Sql.of("(", l, " || ", r, ")");
      }
      if (kind == CelKind.DOUBLE) {
        return Sql.of("(", l, operator, r, ")");
      }
      if (kind == CelKind.INT) {
        // computed where it cannot overflow, kept only if it fits 64 bits: CEL errs otherwise
        String wide = dialect.wideIntegerType();
        Sql exact = Sql.of("(CAST(", l, " AS ", wide, ")", operator, "CAST(", r, " AS ", wide, "))");
        return Sql.of("(CASE WHEN ", exact, " BETWEEN ", LONG_MIN, " AND ", LONG_MAX,
            " THEN CAST(", exact, " AS ", dialect.typeName(ParameterType.INTEGER), ") END)");
      }
      throw unsupported(expr, "'" + operator.trim() + "' on " + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    private Sql divide(CelExpr expr, List<CelExpr> args) {
      CelKind kind = kind(expr);
      Sql l = translate(args.get(0));
      Sql r = translate(args.get(1));
      if (kind == CelKind.INT) {
        return Sql.of("(CASE WHEN ", r, " = 0 OR (", l, " = ", LONG_MIN, " AND ", r, " = -1) THEN NULL ELSE ",
            dialect.integerDivide(l, r), " END)");
      }
      if (kind == CelKind.DOUBLE) {
        // CEL gives an infinity or NaN; engines differ (PostgreSQL fails the query): hidden instead
        return Sql.of("(CASE WHEN ", r, " = 0 THEN NULL ELSE (", l, " / ", r, ") END)");
      }
      throw unsupported(expr, "'/' on " + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    private Sql remainder(List<CelExpr> args) {
      Sql l = translate(args.get(0));
      Sql r = translate(args.get(1));
      return Sql.of("(CASE WHEN ", r, " = 0 THEN NULL ELSE (", l, " % ", r, ") END)");
    }

    private Sql negate(CelExpr expr, CelExpr operand) {
      Sql x = translate(operand);
      if (kind(expr) == CelKind.INT) {
        return Sql.of("(CASE WHEN ", x, " = ", LONG_MIN, " THEN NULL ELSE (- ", x, ") END)");
      }
      return Sql.of("(- ", x, ")");
    }

    /** {@code timestamp('…')}: the engine substitutes known values, so the argument is a literal. */
    private Sql timestamp(CelExpr expr, CelExpr argument) {
      if (argument.getKind() != CelExpr.ExprKind.Kind.CONSTANT
          || argument.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
        throw unsupported(expr, "timestamp() of anything but a string literal");
      }
      String text = argument.constant().stringValue();
      try {
        return Sql.value(ParameterType.TIMESTAMP, OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("timestamp('" + text + "') is not an RFC 3339 timestamp", e);
      }
    }

    private boolean readsColumn(CelExpr expr) {
      switch (expr.getKind()) {
        case IDENT:
          return true;
        case CALL:
          if (expr.call().target().isPresent() && readsColumn(expr.call().target().get())) {
            return true;
          }
          return expr.call().args().stream().anyMatch(this::readsColumn);
        case LIST:
          return expr.list().elements().stream().anyMatch(this::readsColumn);
        default:
          return false;
      }
    }

    private CelKind kind(CelExpr expr) {
      return ast.getType(expr.id()).map(CelType::kind).orElse(CelKind.DYN);
    }

    private IllegalArgumentException unsupported(CelExpr expr, String what) {
      return new IllegalArgumentException("row filter of " + product.id() + ": " + what
          + " has no exact SQL translation");
    }
  }

}
