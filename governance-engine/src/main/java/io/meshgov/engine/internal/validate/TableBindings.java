package io.meshgov.engine.internal.validate;

import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the table names of a product's {@code bindings}: {@code table}, {@code schema.table} or
 * {@code catalog.schema.table}. A malformed name would otherwise show only when SQL rendered for
 * the product runs, far from the file that holds the mistake.
 */
final class TableBindings {
  private static final int MAX_PARTS = 3;
  static final String HELP = "write table, schema.table or catalog.schema.table, e.g. finance.invoice_payments";

  private TableBindings() {}

  /** The bindings as text, in the order written, or null after reporting every malformed table name. */
  static @Nullable Map<String, String> read(String file, Map<String, Scalar> bindings, ProblemSink problems) {
    Map<String, String> tables = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, Scalar> binding : bindings.entrySet()) {
      Scalar table = binding.getValue();
      String flaw = flaw(table.text());
      if (flaw != null) {
        problems.error("invalid-name", file, table.position(),
            "the " + binding.getKey() + " binding '" + table.text() + "' is not a table name: " + flaw,
            HELP);
        ok = false;
      }
      tables.put(binding.getKey(), table.text());
    }
    return ok ? tables : null;
  }

  /** What is wrong with {@code name} as a dot-separated table name, or null if nothing. */
  static @Nullable String flaw(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length > MAX_PARTS) {
      return parts.length + " dot-separated parts, at most " + MAX_PARTS + " are allowed";
    }
    for (String part : parts) {
      if (part.isEmpty()) {
        return "a part is empty";
      }
      if (!part.strip().equals(part)) {
        return "the part '" + part + "' begins or ends with whitespace";
      }
    }
    return null;
  }
}
