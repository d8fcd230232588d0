package io.meshgov.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects SQL text and, in {@link Rendering#BIND}, its parameters. Every value goes through
 * {@link #value}, the one place that decides between a {@code ?} and a literal, so no value can
 * reach the text unescaped.
 */
final class SqlWriter {
  private final Dialect dialect;
  private final Rendering rendering;
  private final StringBuilder text = new StringBuilder();
  private final List<SqlParameter> parameters = new ArrayList<>();

  SqlWriter(Dialect dialect, Rendering rendering) {
    this.dialect = dialect;
    this.rendering = rendering;
  }

  void text(String sql) {
    text.append(sql);
  }

  void identifier(String name) {
    text.append(dialect.quoteIdentifier(name));
  }

  /**
   * A typed value. Bound, it is {@code CAST(? AS type)}: the cast fixes the type whatever the
   * driver infers from the Java value, so a comparison resolves the same in every engine.
   */
  void value(ParameterType type, Object value) {
    SqlParameter parameter = new SqlParameter(type, value);
    if (rendering == Rendering.BIND) {
      text.append("CAST(? AS ").append(dialect.typeName(type)).append(')');
      parameters.add(parameter);
    } else {
      text.append(dialect.literal(parameter));
    }
  }

  void write(Sql sql) {
    sql.writeTo(this);
  }

  SqlFragment fragment() {
    return new SqlFragment(text.toString(), parameters);
  }
}
