package io.meshgov.api;

import java.util.List;
import java.util.Objects;

/** A column of a data product, with its own dotted, hierarchical tags (e.g. {@code pii.email}). */
public record Column(String name, ColumnType type, List<String> tags) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
  }

  public static Column of(String name, ColumnType type, String... tags) {
    return new Column(name, type, List.of(tags));
  }
}
