package io.meshgov.engine.internal.validate;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Subject;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.DocumentParser;
import io.meshgov.engine.internal.load.NodeReader;
import io.meshgov.engine.internal.load.RawDocuments.RawProduct;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates one request document read with positions (see docs/request-and-decision.md) against a
 * catalog, so that an unknown product or column is reported at its {@code file:line:column}. The
 * CLI's request files and a bundle's PolicyTest cases both come through here. Every string field
 * is strict: a value the file's syntax makes a number, boolean, list or mapping (or a YAML
 * timestamp, except in {@code at}) is {@code wrong-type}, never coerced; null for an optional key
 * means the same as no key. Thread-safe.
 */
public final class RequestParser {
  private static final Set<String> REQUEST_KEYS = Set.of("subject", "product", "columns", "action", "purpose", "at");
  private static final Set<String> SUBJECT_KEYS = Set.of("id", "groups", "roles", "attributes");
  private static final Set<String> INLINE_PRODUCT_DOCUMENT_KEYS =
      Set.of("apiVersion", "kind", "metadata", "classification", "tags", "columns", "bindings");

  private final Map<String, DataProduct> catalog;
  private final Vocabulary vocabulary;

  /** Checks requests against {@code catalog} and, where it declares purposes, {@code vocabulary}. */
  public RequestParser(Map<String, DataProduct> catalog, Vocabulary vocabulary) {
    this.catalog = catalog;
    this.vocabulary = vocabulary;
  }

  /** Reads one request object; problems go to {@code problems}, and null is returned if there are any. */
  public @Nullable AccessRequest read(String file, SourceNode node, ProblemSink problems) {
    NodeReader reader = new NodeReader(file, problems);
    int errorsBefore = problems.errorCount();
    MapNode map = reader.map(node, "a request", REQUEST_KEYS);
    if (map == null) {
      return null;
    }
    Subject subject = subject(reader, reader.required(map, "subject", "a request"));
    DataProduct product = null;
    boolean inline = false;
    SourceNode productNode = reader.required(map, "product", "a request");
    if (productNode instanceof Scalar scalar && scalar.kind() == SourceNode.ScalarKind.STRING) {
      product = catalog.get(scalar.text());
      if (product == null) {
        report(reader, scalar.position(), RequestChecks.unknownProduct(scalar.text(), catalog.keySet()));
      }
    } else if (productNode instanceof MapNode productMap) {
      product = inlineProduct(reader, productMap);
      inline = true;
      RequestChecks.Finding shadowing = product == null ? null : RequestChecks.shadowsCatalog(product, catalog);
      if (shadowing != null) {
        report(reader, productMap.position(), shadowing);
        product = null;
      }
    } else if (productNode != null) {
      reader.error("wrong-type", productNode.position(),
          "'product' of a request must be a catalog id (a string) or an inline DataProduct (a mapping), not "
              + NodeReader.describeValue(productNode),
          productNode instanceof Scalar scalar && scalar.kind() != SourceNode.ScalarKind.NULL
              ? "write it as a string: " + NodeReader.quoted(scalar.text()) : null);
    }
    // every string field is strict (a number, boolean, list or mapping is wrong-type, never coerced), and null
    // for an optional key means the same as no key: "columns": null asks for all columns, like no columns
    List<Scalar> columnScalars = reader.strictStringList(map, "columns", "a request");
    List<String> columns = new ArrayList<>();
    for (Scalar column : columnScalars) {
      columns.add(column.text());
    }
    for (int i = 0; product != null && i < columns.size(); i++) {
      RequestChecks.Finding finding = RequestChecks.requestedColumn(product, columns, i);
      if (finding != null) {
        report(reader, columnScalars.get(i).position(), finding);
      }
    }
    Action action = Action.READ;
    Scalar actionScalar = reader.strictString(reader.optional(map, "action"), "'action' of a request");
    if (actionScalar != null) {
      action = Action.fromWireName(actionScalar.text()).orElse(null);
      if (action == null) {
        String near = Suggestions.closest(actionScalar.text(), List.of("read", "export"));
        reader.error("unknown-action", actionScalar.position(), "unknown action '" + actionScalar.text() + "'",
            near != null ? "did you mean '" + near + "'?" : "use read or export");
      }
    }
    Scalar purpose = reader.strictString(reader.optional(map, "purpose"), "'purpose' of a request");
    RequestChecks.Finding undeclared = purpose == null ? null : RequestChecks.purpose(purpose.text(), vocabulary);
    if (undeclared != null) {
      report(reader, purpose.position(), undeclared);
    }
    Instant at = null;
    // an unquoted YAML date or timestamp (at: 2026-11-24) is a timestamp to YAML, and is what 'at' wants
    Scalar atScalar = reader.strictTimestamp(reader.optional(map, "at"), "'at' of a request");
    if (atScalar != null) {
      at = Instants.parse(atScalar.text()).orElse(null);
      if (at == null) {
        reader.error("invalid-date", atScalar.position(), "'" + atScalar.text() + "' is not a date or timestamp",
            "write a timestamp like 2026-11-24T10:00:00Z");
      }
    }
    if (problems.errorCount() > errorsBefore || subject == null || product == null || action == null) {
      return null;
    }
    AccessRequest.Builder builder = AccessRequest.builder().subject(subject).columns(columns).action(action)
        .purpose(purpose == null ? "" : purpose.text()).at(at);
    if (inline) {
      builder.product(product);
    } else {
      builder.product(product.id());
    }
    return builder.build();
  }

  private static void report(NodeReader reader, Position at, RequestChecks.Finding finding) {
    reader.error(finding.code(), at, finding.message(), finding.help());
  }

  private static @Nullable Subject subject(NodeReader reader, @Nullable SourceNode node) {
    MapNode map = reader.map(node, "'subject'", SUBJECT_KEYS);
    if (map == null) {
      return null;
    }
    Scalar id = reader.strictString(reader.required(map, "id", "'subject'"), "'id' of 'subject'");
    List<String> groups = texts(reader.strictStringList(map, "groups", "'subject'"));
    List<String> roles = texts(reader.strictStringList(map, "roles", "'subject'"));
    Map<String, String> attributes = new LinkedHashMap<>();
    SourceNode attributesNode = reader.optional(map, "attributes");
    if (attributesNode != null) {
      if (attributesNode instanceof MapNode attributeMap) {
        for (SourceNode.Entry entry : attributeMap.entries().values()) {
          // an attribute's value is not an optional key: null is wrong-type too (leave the attribute out)
          Scalar value = reader.strictString(entry.value(), "attribute '" + entry.key() + "' of 'subject'");
          if (value != null) {
            attributes.put(entry.key(), value.text());
          }
        }
      } else {
        reader.error("wrong-type", attributesNode.position(),
            "'attributes' of 'subject' must be a mapping of strings, not " + NodeReader.describeValue(attributesNode),
            "write it as a mapping, e.g. attributes: {region: \"EU\"}");
      }
    }
    if (id == null) {
      return null;
    }
    if (id.text().isEmpty()) {
      reader.error("missing-key", id.position(), "the subject id is empty", "give the subject's id");
      return null;
    }
    return new Subject(id.text(), groups, roles, attributes);
  }

  private static @Nullable DataProduct inlineProduct(NodeReader reader, MapNode map) {
    if (map.entry("metadata") == null) {
      reader.error("missing-key", map.position(), "an inline product must be a DataProduct document with 'metadata'",
          "write product: {metadata: {id, domain, owner, version}, classification, tags, columns}");
      return null;
    }
    reader.map(map, "the inline product", INLINE_PRODUCT_DOCUMENT_KEYS);
    RawProduct raw = new DocumentParser(reader).product(
        new MapNode(map.position(), withoutHeader(map)));
    return raw == null ? null : ProductValidator.inlineProduct(raw, reader.problems());
  }

  /** The header keys are optional inline, and the document parser does not expect them. */
  private static Map<String, SourceNode.Entry> withoutHeader(MapNode map) {
    Map<String, SourceNode.Entry> entries = new LinkedHashMap<>(map.entries());
    entries.remove("apiVersion");
    entries.remove("kind");
    return entries;
  }

  private static List<String> texts(List<Scalar> scalars) {
    List<String> texts = new ArrayList<>(scalars.size());
    for (Scalar scalar : scalars) {
      texts.add(scalar.text());
    }
    return texts;
  }
}
