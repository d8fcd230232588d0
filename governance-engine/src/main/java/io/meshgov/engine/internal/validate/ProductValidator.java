package io.meshgov.engine.internal.validate;

import static io.meshgov.engine.internal.validate.Scalars.badSemver;
import static io.meshgov.engine.internal.validate.Scalars.names;
import static io.meshgov.engine.internal.validate.Scalars.texts;
import static io.meshgov.engine.internal.validate.Scalars.unknownValue;

import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawColumn;
import io.meshgov.engine.internal.load.RawDocuments.RawProduct;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks data products, of the catalog or given inline in a request, and builds them: names, ids,
 * the folder a product lives in, classification, column names and types, tags, table bindings.
 */
public final class ProductValidator {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Set<String> CEL_RESERVED = Set.of("in", "as", "break", "const", "continue", "else",
      "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void",
      "while", "true", "false", "null");

  private ProductValidator() {}

  static Map<String, DataProduct> products(List<RawProduct> raws, ProblemSink problems) {
    Map<String, DataProduct> catalog = new TreeMap<>();
    Map<String, String> files = new HashMap<>();
    for (RawProduct raw : raws) {
      DataProduct product = product(raw, problems, true);
      if (product == null) {
        continue;
      }
      String first = files.putIfAbsent(product.id(), raw.file());
      if (first != null) {
        problems.error("duplicate-id", raw.file(), raw.id().position(),
            "data product '" + product.id() + "' is already defined in " + first, "give each product its own id");
        continue;
      }
      catalog.put(product.id(), product);
    }
    return catalog;
  }

  /** Checks a product given inline in a request, where no file location applies. */
  public static @Nullable DataProduct inlineProduct(RawProduct raw, ProblemSink problems) {
    return product(raw, problems, false);
  }

  private static @Nullable DataProduct product(RawProduct raw, ProblemSink problems, boolean inBundle) {
    String file = raw.file();
    boolean ok = true;
    String[] parts = inBundle ? file.split("/") : new String[0];
    if (inBundle && (parts.length < 3 || !parts[0].equals("products"))) {
      problems.error("misplaced-file", file, raw.position(),
          "a DataProduct must live under products/<domain>/", "move it to products/<domain>/<name>.yaml");
      ok = false;
    }
    String domain = raw.domain() == null ? null : raw.domain().text();
    if (raw.domain() != null && !NAME.matcher(domain).matches()) {
      problems.error("invalid-name", file, raw.domain().position(), "domain '" + domain + "' is not a lower_snake name",
          "use lower case letters, digits and underscores, starting with a letter");
      ok = false;
    } else if (raw.domain() != null && parts.length >= 3 && parts[0].equals("products") && !parts[1].equals(domain)) {
      problems.error("scope-mismatch", file, raw.domain().position(),
          "product of domain '" + domain + "' is in the folder of domain '" + parts[1] + "'",
          "move the file to products/" + domain + "/ or set domain: " + parts[1]);
      ok = false;
    }
    String id = raw.id() == null ? null : raw.id().text();
    if (raw.id() != null && domain != null) {
      int dot = id.indexOf('.');
      if (dot < 0 || !id.substring(0, dot).equals(domain) || !NAME.matcher(id.substring(dot + 1)).matches()) {
        problems.error("invalid-product-id", file, raw.id().position(),
            "product id '" + id + "' must be '" + domain + ".<name>' with a lower_snake name",
            "write id: " + domain + "." + (dot < 0 ? id : id.substring(dot + 1)).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        ok = false;
      } else if (parts.length >= 3) {
        String base = parts[parts.length - 1].replaceFirst("\\.(ya?ml|json)$", "");
        if (!base.equals(id.substring(dot + 1))) {
          problems.warning("file-name", file, raw.id().position(),
              "product '" + id + "' is in a file named '" + parts[parts.length - 1] + "'",
              "name the file " + id.substring(dot + 1) + ".yaml");
        }
      }
    }
    if (raw.version() != null && Semver.parse(raw.version().text()).isEmpty()) {
      badSemver(file, raw.version(), problems);
      ok = false;
    }
    Classification classification = null;
    if (raw.classification() != null) {
      classification = Classification.fromWireName(raw.classification().text()).orElse(null);
      if (classification == null) {
        unknownValue(file, raw.classification(), "classification", names(Classification.values()), problems);
        ok = false;
      }
    }
    ok &= checkTags(file, raw.tags(), problems);
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RawColumn rawColumn : raw.columns()) {
      if (rawColumn.name() == null || rawColumn.type() == null) {
        ok = false;
        continue;
      }
      String columnName = rawColumn.name().text();
      if (!isColumnName(columnName)) {
        problems.error("invalid-name", file, rawColumn.name().position(),
            "column name '" + columnName + "' is not an identifier",
            "use letters, digits and underscores, starting with a letter (not a CEL reserved word)");
        ok = false;
      } else if (!seen.add(columnName)) {
        problems.error("duplicate-column", file, rawColumn.name().position(),
            "column '" + columnName + "' is declared twice", "remove one of the two");
        ok = false;
      }
      ColumnType type = ColumnType.fromWireName(rawColumn.type().text()).orElse(null);
      if (type == null) {
        unknownValue(file, rawColumn.type(), "column type", names(ColumnType.values()), problems);
        ok = false;
      }
      ok &= checkTags(file, rawColumn.tags(), problems);
      if (ok && type != null) {
        columns.add(new Column(columnName, type, texts(rawColumn.tags())));
      }
    }
    if (raw.columns().isEmpty() && raw.columnsListed() && ok) {
      problems.error("no-columns", file, raw.position(), "the product has no columns", "list its columns");
      ok = false;
    }
    Map<String, String> bindings = TableBindings.read(file, raw.bindings(), problems);
    if (bindings == null) {
      ok = false;
    }
    if (!ok || id == null || domain == null || raw.owner() == null || raw.version() == null || classification == null) {
      return null;
    }
    return new DataProduct(id, domain, raw.owner().text(), raw.version().text(), classification, texts(raw.tags()),
        columns, bindings);
  }

  /** A column name is a CEL identifier, since filters name columns bare. */
  static boolean isColumnName(String name) {
    return COLUMN_NAME.matcher(name).matches() && !CEL_RESERVED.contains(name);
  }

  static boolean checkTags(String file, List<Scalar> tags, ProblemSink problems) {
    boolean ok = true;
    for (Scalar tag : tags) {
      if (!TAG.matcher(tag.text()).matches()) {
        problems.error("invalid-tag", file, tag.position(), "tag '" + tag.text() + "' is not a dotted name",
            "write tags like pii.email: names separated by single dots");
        ok = false;
      }
    }
    return ok;
  }
}
