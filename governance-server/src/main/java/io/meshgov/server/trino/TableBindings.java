package io.meshgov.server.trino;

import io.meshgov.api.DataProduct;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which data product a Trino table is: the products' {@code trino} bindings, indexed once per
 * bundle. A binding of three parts names one table; of two ({@code schema.table}) or one, that
 * table in every catalog (or schema) Trino has.
 */
final class TableBindings {
  private final Map<String, DataProduct> byName = new HashMap<>();
  private final List<DataProduct> bound;

  TableBindings(Map<String, DataProduct> catalog) {
    java.util.Set<String> ambiguous = new java.util.HashSet<>();
    for (DataProduct product : catalog.values()) {
      product.binding("trino").ifPresent(name -> {
        String key = name.toLowerCase(Locale.ROOT);
        if (byName.putIfAbsent(key, product) != null) {
          ambiguous.add(key);
        }
      });
    }
    // a table two products claim has no one governing it: it is bound, and read by nobody
    for (String key : ambiguous) {
      byName.put(key, AMBIGUOUS);
    }
    bound = byName.values().stream().filter(product -> product != AMBIGUOUS).toList();
  }

  /** Stands for a table two products bind: every decision on it is a deny (its id is no product's). */
  static final DataProduct AMBIGUOUS = new DataProduct("meshgov.ambiguous_binding", "meshgov", "meshgov", "0.0.0",
      io.meshgov.api.Classification.CONFIDENTIAL, List.of(), List.of());

  Optional<DataProduct> product(TrinoTable table) {
    DataProduct product = byName.get(table.qualifiedName());
    if (product == null) {
      product = byName.get(table.schema() + "." + table.table());
    }
    if (product == null) {
      product = byName.get(table.table());
    }
    return Optional.ofNullable(product);
  }

  /** The bound products that can sit in {@code catalog} (and {@code schema}, when not null). */
  List<DataProduct> productsIn(String catalog, String schema) {
    return bound.stream().filter(product -> {
      String[] parts = product.binding("trino").orElseThrow().toLowerCase(Locale.ROOT).split("\\.");
      if (parts.length == 3 && !parts[0].equals(catalog)) {
        return false;
      }
      return schema == null || parts.length == 1 || parts[parts.length - 2].equals(schema);
    }).toList();
  }
}
