package io.meshgov.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A data product of the catalog: {@code id} is {@code <domain>.<name>}. {@code bindings} names the
 * product's physical table per SQL dialect ({@code postgresql}, {@code trino}, {@code spark}), and
 * its archive table per dialect ({@code <dialect>-archive}), in the order written; a SQL renderer
 * picks the table to read from it, the retention job the table to archive into. Bindings never
 * change a decision.
 */
public record DataProduct(
    String id,
    String domain,
    String owner,
    String version,
    Classification classification,
    List<String> tags,
    List<Column> columns,
    Map<String, String> bindings) {

  public DataProduct {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(classification, "classification");
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    bindings = copyInOrder(Objects.requireNonNull(bindings, "bindings"));
  }

  /** A product without table bindings. */
  public DataProduct(String id, String domain, String owner, String version, Classification classification,
      List<String> tags, List<Column> columns) {
    this(id, domain, owner, version, classification, tags, columns, Map.of());
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

  /** The table bound for {@code dialect} (e.g. {@code trino}), if the product names one. */
  public Optional<String> binding(String dialect) {
    return Optional.ofNullable(bindings.get(dialect));
  }

  /** The archive table bound for {@code dialect} (the {@code <dialect>-archive} binding), if the product names one. */
  public Optional<String> archiveBinding(String dialect) {
    return binding(dialect + "-archive");
  }

  /** Map.copyOf would lose the order the bindings were written in, which listings keep. */
  private static Map<String, String> copyInOrder(Map<String, String> bindings) {
    Map<String, String> copy = new LinkedHashMap<>();
    bindings.forEach((dialect, table) -> copy.put(Objects.requireNonNull(dialect, "binding dialect"),
        Objects.requireNonNull(table, "binding table of " + dialect)));
    return Collections.unmodifiableMap(copy);
  }
}
