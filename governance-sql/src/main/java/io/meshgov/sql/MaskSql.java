package io.meshgov.sql;

import io.meshgov.api.ColumnType;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.engine.mask.Masks;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one masked column: an expression that gives, for every value, exactly what {@link
 * Masks} gives in Java. Each method starts with {@code CASE WHEN x IS NULL THEN x}: a null stays
 * null, and the result takes the column's own type (a CASE's type is its branches' common type),
 * which a {@code CAST} to the physical type, where one is given, then makes exact.
 */
final class MaskSql {
  private final Dialect dialect;

  MaskSql(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * @param mask the method applied (already escalated for {@code type}, as decisions name it)
   * @param physicalType the column's SQL type in the engine, or null to keep the expression's own
   */
  Sql mask(Sql column, ColumnType type, Mask mask, @Nullable String physicalType) {
    if (!mask.method().appliesTo(type)) {
      throw new IllegalArgumentException("mask method '" + mask.method().wireName()
          + "' does not apply to a " + type.wireName() + " column; decisions name the escalated method");
    }
    Map<String, Object> parameters = Masks.effectiveParameters(mask);
    Sql masked = expression(column, type, mask.method(), parameters);
    return physicalType == null ? masked : Sql.of("CAST(", masked, " AS ", physicalType, ")");
  }

  private Sql expression(Sql x, ColumnType type, MaskMethod method, Map<String, Object> parameters) {
    switch (method) {
      case PARTIAL:
        return partial(x, (Integer) parameters.get("showFirst"), (Integer) parameters.get("showLast"),
            Sql.value(ParameterType.STRING, parameters.get("maskChar")));
      case EMAIL:
        return Sql.of("CASE WHEN ", x, " IS NULL THEN ", x,
            " WHEN ", dialect.position(Sql.of("'@'"), x), " = 0 THEN '****'",
            " ELSE '****@' || ", dialect.afterLastAt(x), " END");
      case YEAR:
        return Sql.of("CASE WHEN ", x, " IS NULL THEN ", x, " ELSE ",
            type == ColumnType.DATE ? dialect.yearOfDate(x) : dialect.yearOfTimestamp(x), " END");
      case HASH:
        return Sql.of("CASE WHEN ", x, " IS NULL THEN ", x, " ELSE ",
            dialect.sha256Hex(Sql.value(ParameterType.STRING, parameters.get("salt")), x), " END");
      case REDACT:
        return Sql.of("CASE WHEN ", x, " IS NULL THEN ", x, " ELSE ",
            Sql.value(ParameterType.STRING, parameters.get("replacement")), " END");
      case DEFAULT:
        return Sql.of("CASE WHEN ", x, " IS NULL THEN ", x, " ELSE ", zero(type), " END");
      case NULLIFY:
        // a branch never taken still gives the CASE the column's type
        return Sql.of("CASE WHEN FALSE THEN ", x, " END");
      default:
        throw new AssertionError(method);
    }
  }

  /**
   * Shows {@code first} and {@code last} code points, masks the others; a value of at most {@code
   * first + last} code points is masked whole. The counts are integers checked at load, written as
   * numbers.
   */
  private Sql partial(Sql x, int first, int last, Sql maskChar) {
    Sql length = dialect.charLength(x);
    // no string is longer than an int: beyond it, every value is masked whole, and the count stays
    // an integer the engines' length functions compare with
    long shown = Math.min((long) first + last, Integer.MAX_VALUE);
    return Sql.of("CASE WHEN ", x, " IS NULL THEN ", x,
        " WHEN ", length, " <= " + shown + " THEN ", dialect.repeat(maskChar, length),
        " ELSE substr(", x, ", 1, " + first + ") || ",
        dialect.repeat(maskChar, Sql.of(length, " - " + shown)),
        " || substr(", x, ", ", length, last == 0 ? " + 1" : " - " + (last - 1), ") END");
  }

  private Sql zero(ColumnType type) {
    switch (type) {
      case STRING:
        return Sql.of("''");
      case INTEGER:
        return Sql.of("0");
      case DECIMAL:
        return Sql.of("0.0");
      case BOOLEAN:
        return Sql.of("FALSE");
      case DATE:
        return Sql.of("DATE '1970-01-01'");
      case TIMESTAMP:
        return Sql.of(dialect.epochTimestamp());
      default:
        throw new AssertionError(type);
    }
  }
}
