package io.meshgov.sql;

/**
 * A piece of SQL that writes itself: text, identifiers and values, in either rendering. Built from
 * templates by {@link #of}, so a dialect's differences read as the SQL they produce.
 */
@FunctionalInterface
interface Sql {
  void writeTo(SqlWriter out);

  /**
   * Concatenates {@code parts}: a {@link String} is SQL text written as it is (never a value), a
   * {@link Sql} writes itself.
   */
  static Sql of(Object... parts) {
    for (Object part : parts) {
      if (!(part instanceof String) && !(part instanceof Sql)) {
        throw new IllegalArgumentException("a template part is SQL text or Sql, not " + part);
      }
    }
    return out -> {
      for (Object part : parts) {
        if (part instanceof String text) {
          out.text(text);
        } else {
          ((Sql) part).writeTo(out);
        }
      }
    };
  }

  /** {@code pieces} written one after the other, {@code separator} (SQL text) between each two. */
  static Sql join(String separator, java.util.List<? extends Sql> pieces) {
    return out -> {
      for (int i = 0; i < pieces.size(); i++) {
        if (i > 0) {
          out.text(separator);
        }
        pieces.get(i).writeTo(out);
      }
    };
  }

  /** A value: a bind parameter or, inline, an escaped literal. */
  static Sql value(ParameterType type, Object value) {
    return out -> out.value(type, value);
  }

  static Sql identifier(String name) {
    return out -> out.identifier(name);
  }
}
