package io.meshgov.engine.internal.validate;

import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.load.DocumentParser;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a request against a catalog (docs/request-and-decision.md: an unknown product or column is a request
 * error, not a deny). The JSON reader reports them at their file positions, the engine for requests
 * built in Java; both take their wording from here. Stateless.
 */
public final class RequestChecks {
  private RequestChecks() {}

  /** What is wrong, with a stable code and what to do; callers add where. */
  public record Finding(String code, String message, String help) {}

  public static Finding unknownProduct(String id, Collection<String> catalogIds) {
    String near = Suggestions.closest(id, catalogIds);
    return new Finding("unknown-product", "unknown product '" + id + "'",
        near != null ? "did you mean '" + near + "'?" : "name a product of the catalog, or describe it inline");
  }

  /** An inline description must never replace the catalog's: it could declassify a product. */
  public static @Nullable Finding shadowsCatalog(DataProduct inline, Map<String, DataProduct> catalog) {
    DataProduct catalogued = catalog.get(inline.id());
    if (catalogued == null || catalogued.equals(inline)) {
      return null;
    }
    return new Finding("inline-shadows-catalog",
        "inline product '" + inline.id() + "' differs from the catalog product of that id",
        "name the product by its id, or give the inline product an id the catalog does not have");
  }

  /** A purpose the bundle's vocabulary does not declare, when it declares purposes; null if none. */
  public static @Nullable Finding purpose(String purpose, io.meshgov.api.Vocabulary vocabulary) {
    if (vocabulary.allowsPurpose(purpose)) {
      return null;
    }
    String near = Suggestions.closest(purpose, vocabulary.purposes());
    return new Finding("unknown-purpose", "purpose '" + purpose + "' is not declared in the bundle's vocabulary.purposes",
        near != null ? "did you mean '" + near + "'?"
            : "use one of: " + String.join(", ", vocabulary.purposes()) + " (or no purpose)");
  }

  /** The problem with the {@code index}-th requested column: unknown, or listed before; null if none. */
  public static @Nullable Finding requestedColumn(DataProduct product, List<String> requested, int index) {
    String name = requested.get(index);
    if (product.column(name).isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Column column : product.columns()) {
        names.add(column.name());
      }
      String near = Suggestions.closest(name, names);
      return new Finding("unknown-column", "product '" + product.id() + "' has no column '" + name + "'",
          near != null ? "did you mean '" + near + "'?" : "columns: " + String.join(", ", names));
    }
    if (requested.subList(0, index).contains(name)) {
      return new Finding("duplicate-column", "column '" + name + "' is requested twice", "list each column once");
    }
    return null;
  }

  /**
   * docs/policy-language.md for a product built in Java and passed inline, which no file check has seen. Its domain
   * decides which domain's rules apply, so an id outside its domain is refused. Its bindings are held to the rules of
   * a product file, so a product reaches the SQL renderer with the same tables wherever it was described.
   */
  public static List<Finding> inlineProduct(DataProduct product) {
    List<Finding> findings = new ArrayList<>();
    String id = product.id();
    String domain = product.domain();
    if (!ProductValidator.NAME.matcher(domain).matches() || !id.startsWith(domain + ".")
        || !ProductValidator.NAME.matcher(id.substring(Math.min(id.length(), domain.length() + 1))).matches()) {
      findings.add(new Finding("invalid-product-id", "inline product id '" + id + "' must be '" + domain
          + ".<name>' with lower_snake names", "give the product an id of its own domain"));
    }
    if (product.columns().isEmpty()) {
      findings.add(new Finding("no-columns", "inline product '" + id + "' has no columns", "list its columns"));
    }
    Set<String> seen = new HashSet<>();
    for (Column column : product.columns()) {
      if (!ProductValidator.isColumnName(column.name())) {
        findings.add(new Finding("invalid-name", "column name '" + column.name() + "' of inline product '" + id
            + "' is not an identifier", "use letters, digits and underscores, starting with a letter"));
      } else if (!seen.add(column.name())) {
        findings.add(new Finding("duplicate-column", "inline product '" + id + "' declares column '"
            + column.name() + "' twice", "remove one of the two"));
      }
    }
    for (Map.Entry<String, String> binding : product.bindings().entrySet()) {
      String dialect = binding.getKey();
      if (!DocumentParser.BINDING_KEYS.contains(dialect)) {
        String near = Suggestions.closest(dialect, DocumentParser.BINDING_KEYS);
        findings.add(new Finding("unknown-key", "inline product '" + id + "' binds a table for unknown dialect '"
            + dialect + "'", near != null ? "did you mean '" + near + "'?"
                : "bind postgresql, spark or trino, or their archive tables (postgresql-archive, …)"));
        continue;
      }
      String flaw = TableBindings.flaw(binding.getValue());
      if (flaw != null) {
        findings.add(new Finding("invalid-name", "the " + dialect + " binding '" + binding.getValue()
            + "' of inline product '" + id + "' is not a table name: " + flaw, TableBindings.HELP));
      }
    }
    return findings;
  }
}
