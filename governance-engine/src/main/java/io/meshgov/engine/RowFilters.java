package io.meshgov.engine;

import dev.cel.bundle.Cel;
import dev.cel.common.CelValidationResult;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.RowFilter;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Tests rows against a permitted decision's row filters, for services that filter data themselves.
 * A row is visible when every filter is true; a filter that errs on a row (a null, a missing
 * column) hides it. The returned predicate is immutable and thread-safe.
 *
 * <p>Row values use the Java types of {@link io.meshgov.engine.mask.Masks}: String, Long (or
 * Integer), BigDecimal (or Double), Boolean, LocalDate, Instant.
 */
public final class RowFilters {
  private RowFilters() {}

  public static Predicate<Map<String, ?>> matcher(Decision decision, DataProduct product) {
    if (!decision.isPermitted()) {
      throw new IllegalArgumentException("decision " + decision.decisionId() + " is a deny: no row is visible");
    }
    Cel cel = ConditionEnvironment.filter(product.columns());
    List<RowFilter> filters = decision.rowFilters();
    CelRuntime.Program[] programs = new CelRuntime.Program[filters.size()];
    for (int i = 0; i < programs.length; i++) {
      CelValidationResult result = cel.compile(filters.get(i).expression());
      try {
        programs[i] = cel.createProgram(result.getAst());
      } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
        throw new IllegalArgumentException("row filter of " + filters.get(i).rule() + " does not compile for "
            + product.id() + ": " + e.getMessage(), e);
      }
    }
    List<Column> columns = product.columns();
    return row -> {
      Map<String, Object> values = new HashMap<>();
      for (Column column : columns) {
        Object value = row.get(column.name());
        if (value != null) {
          values.put(column.name(), celValue(value));
        }
      }
      for (CelRuntime.Program program : programs) {
        try {
          if (!Boolean.TRUE.equals(program.eval(name -> Optional.ofNullable(values.get(name))))) {
            return false;
          }
        } catch (CelEvaluationException | RuntimeException e) {
          return false;
        }
      }
      return true;
    };
  }

  private static Object celValue(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.longValue();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof Float number) {
      return number.doubleValue();
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Instant) {
      return value;
    }
    return value;
  }
}
