package io.meshgov.sql;

import java.util.List;
import java.util.Objects;

/**
 * SQL text and the values of its bind parameters, one per {@code ?} in order. In inline form
 * ({@link Rendering#INLINE}) the parameter list is empty: values are written as escaped literals.
 */
public record SqlFragment(String sql, List<SqlParameter> parameters) {
  public SqlFragment {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
  }
}
