package io.meshgov.sql;

import java.util.List;

/** A table named by one to three dot-separated parts ({@code catalog.schema.table}), each quoted. */
final class TableName {
  private final List<String> parts;

  private TableName(List<String> parts) {
    this.parts = parts;
  }

  static TableName parse(String name) {
    List<String> parts = List.of(name.split("\\.", -1));
    if (parts.size() > 3) {
      throw new IllegalArgumentException("table '" + name + "' has more than three parts (catalog.schema.table)");
    }
    for (String part : parts) {
      if (part.isEmpty() || !part.strip().equals(part)) {
        throw new IllegalArgumentException("table '" + name + "' has an empty part or one with spaces at its ends");
      }
    }
    return new TableName(parts);
  }

  Sql sql() {
    return Sql.join(".", parts.stream().map(Sql::identifier).toList());
  }
}
