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
    for (DataProduct product : catalog.values()) {
      product.binding("trino").ifPresent(name -> byName.put(name.toLowerCase(Locale.ROOT), product));
    }
    bound = List.copyOf(byName.values());
  }

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
