package io.meshgov.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A table as Trino names it: catalog, schema, table. Trino folds names to lower case, so do the
 * bindings this is matched against.
 */
record TrinoTable(String catalog, String schema, String table) {
  static final String INFORMATION_SCHEMA = "information_schema";
  static final String SYSTEM_CATALOG = "system";

  /** From {@code {"catalogName", "schemaName", "tableName"}}, as Trino's table resources write it. */
  static TrinoTable of(JsonNode node) {
    return new TrinoTable(text(node, "catalogName"), text(node, "schemaName"), text(node, "tableName"));
  }

  /** Trino's own metadata, readable by everyone: the {@code system} catalog and every information schema. */
  boolean isTrinoMetadata() {
    return catalog.equals(SYSTEM_CATALOG) || schema.equals(INFORMATION_SCHEMA);
  }

  String qualifiedName() {
    return catalog + "." + schema + "." + table;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("expected a string '" + field + "' in " + node);
    }
    return value.asText().toLowerCase(Locale.ROOT);
  }
}
