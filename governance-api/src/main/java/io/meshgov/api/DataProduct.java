package io.meshgov.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A data product of the catalog: {@code id} is {@code <domain>.<name>}. */
public record DataProduct(
    String id,
    String domain,
    String owner,
    String version,
    Classification classification,
    List<String> tags,
    List<Column> columns) {

  public DataProduct {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(classification, "classification");
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
  }

  /** The column named {@code name}, if the product has one. */
  public Optional<Column> column(String name) {
    for (Column column : columns) {
      if (column.name().equals(name)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }
}
