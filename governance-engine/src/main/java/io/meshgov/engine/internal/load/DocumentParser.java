package io.meshgov.engine.internal.load;

import io.meshgov.engine.internal.load.RawDocuments.RawBundleMeta;
import io.meshgov.engine.internal.load.RawDocuments.RawColumn;
import io.meshgov.engine.internal.load.RawDocuments.RawMask;
import io.meshgov.engine.internal.load.RawDocuments.RawMatch;
import io.meshgov.engine.internal.load.RawDocuments.RawOpa;
import io.meshgov.engine.internal.load.RawDocuments.RawPolicySet;
import io.meshgov.engine.internal.load.RawDocuments.RawProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawRetention;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.RawDocuments.RawTestCase;
import io.meshgov.engine.internal.load.RawDocuments.RawTestSuite;
import io.meshgov.engine.internal.load.RawDocuments.RawVocabulary;
import io.meshgov.engine.internal.load.SourceNode.Entry;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads one document's tree into its raw form, reporting wrong shapes and unknown keys. */
public final class DocumentParser {
  static final String API_VERSION = "meshgov/v1";
  static final Set<String> KINDS = Set.of("Bundle", "DataProduct", "PolicySet", "PolicyTest");

  private static final Set<String> HEADER = Set.of("apiVersion", "kind", "metadata");
  private static final Set<String> BUNDLE_KEYS = union(HEADER, Set.of("vocabulary"));
  private static final Set<String> VOCABULARY_KEYS = Set.of("tags", "purposes", "attributes", "roles", "groups");
  private static final Set<String> BUNDLE_METADATA = Set.of("name", "description", "revision");
  private static final Set<String> PRODUCT_KEYS = union(HEADER, Set.of("classification", "tags", "columns", "bindings"));
  /** The SQL dialects a product may bind a table for: those the SQL renderer knows. */
  public static final Set<String> BINDING_DIALECTS = Set.of("postgresql", "trino", "spark");
  /** The keys of a product's {@code bindings}: each dialect's table, and its archive table ({@code <dialect>-archive}). */
  public static final Set<String> BINDING_KEYS = union(BINDING_DIALECTS,
      Set.of("postgresql-archive", "trino-archive", "spark-archive"));
  private static final Set<String> PRODUCT_METADATA = Set.of("id", "domain", "owner", "version", "description");
  private static final Set<String> COLUMN_KEYS = Set.of("name", "type", "tags", "description");
  private static final Set<String> POLICY_SET_KEYS = union(HEADER, Set.of("rules", "opa"));
  private static final Set<String> POLICY_SET_METADATA =
      Set.of("id", "version", "scope", "owner", "description", "effective");
  private static final Set<String> OPA_KEYS = Set.of("path", "match", "acknowledge");
  private static final Set<String> EFFECTIVE_KEYS = Set.of("from", "until");
  private static final Set<String> RULE_KEYS = Set.of("id", "kind", "description", "match", "when", "unless",
      "effect", "mask", "filter", "retention", "legalHold", "acknowledge");
  private static final Set<String> MATCH_KEYS = Set.of("products", "columns", "actions");
  private static final Set<String> MATCH_PRODUCT_KEYS = Set.of("ids", "domains", "classifications", "tags");
  private static final Set<String> MATCH_COLUMN_KEYS = Set.of("names", "tags");
  private static final Set<String> RETENTION_KEYS =
      Set.of("basis", "minimum", "maximum", "action", "legalHold", "anonymize");
  private static final Set<String> TEST_KEYS = union(HEADER, Set.of("cases"));
  private static final Set<String> TEST_METADATA = Set.of("name", "description");
  private static final Set<String> CASE_KEYS = Set.of("name", "description", "request", "expect");
  private static final Set<String> KNOWN_RULE_KINDS = Set.of("access", "mask", "row-filter", "retention");
  /** Keys that only some rule kinds take, and which kinds. */
  private static final Map<String, Set<String>> KIND_ONLY_KEYS = Map.of(
      "effect", Set.of("access"),
      "mask", Set.of("mask"),
      "filter", Set.of("row-filter"),
      "retention", Set.of("retention"),
      "legalHold", Set.of("retention"));

  private final NodeReader reader;

  public DocumentParser(NodeReader reader) {
    this.reader = reader;
  }

  /** The document's kind after checking apiVersion, or null after reporting why not. */
  @Nullable String kind(SourceNode root) {
    MapNode map = document(root);
    if (map == null) {
      return null;
    }
    Scalar kind = reader.string(map, "kind", "the document", true);
    if (kind == null) {
      return null;
    }
    if (!KINDS.contains(kind.text())) {
      String suggestion = Suggestions.closest(kind.text(), KINDS);
      reader.error("unknown-kind", kind.position(), "unknown kind '" + kind.text() + "'",
          suggestion != null ? "did you mean '" + suggestion + "'?" : "use one of Bundle, DataProduct, PolicySet, PolicyTest");
      return null;
    }
    return kind.text();
  }

  /**
   * The document as a mapping, its apiVersion checked, or null after reporting that it is no
   * mapping. Every meshgov file starts this way, bundle documents and subjects files alike.
   */
  @Nullable MapNode document(SourceNode root) {
    if (!(root instanceof MapNode map)) {
      reader.error("wrong-type", root.position(), "a document must be a mapping, not " + root.describe(),
          "start the file with apiVersion: " + API_VERSION);
      return null;
    }
    Scalar apiVersion = reader.string(map, "apiVersion", "the document", true);
    if (apiVersion != null && !apiVersion.text().equals(API_VERSION)) {
      reader.error("api-version", apiVersion.position(), "unsupported apiVersion '" + apiVersion.text() + "'",
          "write apiVersion: " + API_VERSION);
    }
    return map;
  }

  @Nullable RawBundleMeta bundle(MapNode root) {
    reader.map(root, "the Bundle", BUNDLE_KEYS);
    MapNode metadata = reader.map(reader.required(root, "metadata", "the Bundle"), "metadata", BUNDLE_METADATA);
    if (metadata == null) {
      return null;
    }
    return new RawBundleMeta(reader.file(), root.position(),
        reader.string(metadata, "name", "metadata", true),
        reader.string(metadata, "description", "metadata", false),
        reader.string(metadata, "revision", "metadata", false),
        vocabulary(reader.value(root, "vocabulary")));
  }

  private @Nullable RawVocabulary vocabulary(@Nullable SourceNode node) {
    MapNode vocabulary = reader.map(node, "'vocabulary'", VOCABULARY_KEYS);
    if (vocabulary == null) {
      return null;
    }
    return new RawVocabulary(vocabulary.position(),
        present(vocabulary, "tags", "'vocabulary'"),
        present(vocabulary, "purposes", "'vocabulary'"),
        present(vocabulary, "attributes", "'vocabulary'"),
        present(vocabulary, "roles", "'vocabulary'"),
        present(vocabulary, "groups", "'vocabulary'"));
  }

  public @Nullable RawProduct product(MapNode root) {
    reader.map(root, "the DataProduct", PRODUCT_KEYS);
    MapNode metadata = reader.map(reader.required(root, "metadata", "the DataProduct"), "metadata", PRODUCT_METADATA);
    Scalar classification = reader.string(root, "classification", "the DataProduct", true);
    List<Scalar> tags = reader.stringList(root, "tags", "the DataProduct");
    List<RawColumn> columns = new ArrayList<>();
    ListNode columnList = reader.list(reader.required(root, "columns", "the DataProduct"), "'columns'");
    if (columnList != null) {
      for (SourceNode item : columnList.items()) {
        MapNode column = reader.map(item, "a column", COLUMN_KEYS);
        if (column != null) {
          columns.add(new RawColumn(column.position(),
              reader.string(column, "name", "a column", true),
              reader.string(column, "type", "a column", true),
              reader.stringList(column, "tags", "a column")));
        }
      }
    }
    if (metadata == null) {
      return null;
    }
    return new RawProduct(reader.file(), root.position(),
        reader.string(metadata, "id", "metadata", true),
        reader.string(metadata, "domain", "metadata", true),
        reader.string(metadata, "owner", "metadata", true),
        reader.string(metadata, "version", "metadata", true),
        classification, tags, columns, columnList != null, bindings(reader.value(root, "bindings")));
  }

  /**
   * The tables of a product's {@code bindings} by dialect, in file order; the values are strict
   * strings, as a table name written as a number or list is a mistake and never coerced. The
   * value of an unknown dialect is not read: the key's own error says all there is to fix.
   */
  private Map<String, Scalar> bindings(@Nullable SourceNode node) {
    MapNode bindings = reader.map(node, "'bindings'", BINDING_KEYS);
    if (bindings == null) {
      return Map.of();
    }
    Map<String, Scalar> tables = new LinkedHashMap<>();
    for (Entry entry : bindings.entries().values()) {
      if (BINDING_KEYS.contains(entry.key())) {
        Scalar table = reader.strictString(entry.value(), "'" + entry.key() + "' of 'bindings'");
        if (table != null) {
          tables.put(entry.key(), table);
        }
      }
    }
    return tables;
  }

  @Nullable RawPolicySet policySet(MapNode root) {
    reader.map(root, "the PolicySet", POLICY_SET_KEYS);
    MapNode metadata = reader.map(reader.required(root, "metadata", "the PolicySet"), "metadata", POLICY_SET_METADATA);
    Entry opaEntry = root.entry("opa");
    Entry rulesEntry = root.entry("rules");
    if (opaEntry != null && rulesEntry != null) {
      reader.error("rules-and-opa", opaEntry.keyPosition(),
          "a PolicySet has either 'rules' or 'opa', not both",
          "keep 'rules' for rules written here, or 'opa' for a set evaluated by Open Policy Agent");
    } else if (opaEntry == null && rulesEntry == null) {
      reader.error("missing-key", root.position(), "the PolicySet needs 'rules' or 'opa'",
          "add 'rules:' with its rules, or 'opa: {path: …}' to have Open Policy Agent evaluate it");
    }
    RawOpa opa = opaEntry == null ? null : opa(opaEntry);
    List<RawRule> rules = new ArrayList<>();
    ListNode ruleList = reader.list(reader.value(root, "rules"), "'rules'");
    if (ruleList != null) {
      for (SourceNode item : ruleList.items()) {
        RawRule rule = rule(item);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    if (metadata == null) {
      return null;
    }
    Scalar from = null;
    Scalar until = null;
    MapNode effective = reader.map(reader.value(metadata, "effective"), "'effective'", EFFECTIVE_KEYS);
    Entry effectiveEntry = metadata.entry("effective");
    Entry versionEntry = metadata.entry("version");
    Position effectivePosition = effectiveEntry != null ? effectiveEntry.keyPosition()
        : versionEntry != null ? versionEntry.keyPosition() : metadata.position();
    if (effective != null) {
      from = reader.string(effective, "from", "'effective'", true);
      until = reader.string(effective, "until", "'effective'", false);
    }
    return new RawPolicySet(reader.file(), root.position(), effectivePosition,
        reader.string(metadata, "id", "metadata", true),
        reader.string(metadata, "version", "metadata", true),
        reader.string(metadata, "scope", "metadata", true),
        reader.string(metadata, "owner", "metadata", false),
        reader.string(metadata, "description", "metadata", false),
        from, until, rules, opa);
  }

  private @Nullable RawOpa opa(Entry entry) {
    MapNode opa = reader.map(entry.value(), "'opa'", OPA_KEYS);
    if (opa == null) {
      return null;
    }
    Scalar path = reader.string(opa, "path", "'opa'", true);
    RawMatch match = match(opa);
    if (match.columnLevel()) {
      reader.error("opa-match-columns", match.position(),
          "'opa.match' selects requests by product and action, not by column",
          "remove 'columns'; the OPA policy sees the requested columns in its input and decides per column");
    }
    return new RawOpa(entry.keyPosition(), path, match, reader.stringList(opa, "acknowledge", "'opa'"));
  }

  private @Nullable RawRule rule(SourceNode node) {
    MapNode rule = reader.map(node, "a rule", RULE_KEYS);
    if (rule == null) {
      return null;
    }
    Scalar id = reader.string(rule, "id", "a rule", true);
    Scalar kind = reader.string(rule, "kind", "a rule", true);
    if (kind != null && KNOWN_RULE_KINDS.contains(kind.text())) {
      for (Map.Entry<String, Set<String>> only : KIND_ONLY_KEYS.entrySet()) {
        Entry entry = rule.entry(only.getKey());
        if (entry != null && !only.getValue().contains(kind.text())) {
          reader.error("key-not-for-kind", entry.keyPosition(),
              "key '" + only.getKey() + "' does not apply to a rule of kind '" + kind.text() + "'",
              "'" + only.getKey() + "' belongs to rules of kind " + String.join(" or ", only.getValue()));
        }
      }
    }
    RawMatch match = match(rule);
    RawMask mask = mask(reader.value(rule, "mask"));
    RawRetention retention = retention(rule);
    return new RawRule(rule.position(), id, kind,
        reader.string(rule, "description", "a rule", false),
        match,
        reader.string(rule, "when", "a rule", false),
        reader.string(rule, "unless", "a rule", false),
        reader.string(rule, "effect", "a rule", false),
        mask,
        reader.string(rule, "filter", "a rule", false),
        retention,
        reader.stringList(rule, "acknowledge", "a rule"));
  }

  private RawMatch match(MapNode rule) {
    SourceNode node = reader.value(rule, "match");
    if (node == null) {
      return RawMatch.empty(rule.position());
    }
    MapNode match = reader.map(node, "'match'", MATCH_KEYS);
    if (match == null) {
      return RawMatch.empty(node.position());
    }
    List<Scalar> ids = null;
    List<Scalar> domains = null;
    List<Scalar> classifications = null;
    List<Scalar> productTags = null;
    MapNode products = reader.map(reader.value(match, "products"), "'match.products'", MATCH_PRODUCT_KEYS);
    if (products != null) {
      ids = present(products, "ids", "'match.products'");
      domains = present(products, "domains", "'match.products'");
      classifications = present(products, "classifications", "'match.products'");
      productTags = present(products, "tags", "'match.products'");
    }
    boolean columnLevel = match.entry("columns") != null;
    List<Scalar> names = null;
    List<Scalar> columnTags = null;
    MapNode columns = reader.map(reader.value(match, "columns"), "'match.columns'", MATCH_COLUMN_KEYS);
    if (columns != null) {
      names = present(columns, "names", "'match.columns'");
      columnTags = present(columns, "tags", "'match.columns'");
    }
    List<Scalar> actions = present(match, "actions", "'match'");
    return new RawMatch(match.position(), ids, domains, classifications, productTags, columnLevel, names,
        columnTags, actions);
  }

  /** The list under {@code key}, or null when the key is absent: absent and empty differ in a match. */
  private @Nullable List<Scalar> present(MapNode map, String key, String what) {
    return map.entry(key) == null ? null : reader.stringList(map, key, what);
  }

  private @Nullable RawMask mask(@Nullable SourceNode node) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof MapNode map)) {
      reader.error("wrong-type", node.position(), "'mask' must be a mapping, not " + node.describe(),
          "write mask: {method: email}");
      return null;
    }
    Scalar method = reader.string(map, "method", "'mask'", true);
    Map<String, Scalar> parameters = new LinkedHashMap<>();
    Map<String, Position> keys = new LinkedHashMap<>();
    for (Entry entry : map.entries().values()) {
      if (entry.key().equals("method")) {
        continue;
      }
      if (entry.value() instanceof Scalar scalar) {
        parameters.put(entry.key(), scalar);
        keys.put(entry.key(), entry.keyPosition());
      } else {
        reader.error("wrong-type", entry.value().position(),
            "mask parameter '" + entry.key() + "' must be a number or a string, not " + entry.value().describe(),
            null);
      }
    }
    return new RawMask(map.position(), method, parameters, keys);
  }

  private @Nullable RawRetention retention(MapNode rule) {
    Boolean ruleHold = reader.bool(rule, "legalHold", "a rule");
    MapNode retention = reader.map(reader.value(rule, "retention"), "'retention'", RETENTION_KEYS);
    if (retention == null) {
      return ruleHold == null ? null
          : new RawRetention(rule.position(), null, null, null, null, ruleHold.booleanValue(), null, List.of());
    }
    Boolean hold = reader.bool(retention, "legalHold", "'retention'");
    boolean legalHold = (ruleHold != null && ruleHold) || (hold != null && hold);
    Entry anonymize = retention.entry("anonymize");
    return new RawRetention(retention.position(),
        reader.string(retention, "basis", "'retention'", false),
        reader.string(retention, "minimum", "'retention'", false),
        reader.string(retention, "maximum", "'retention'", false),
        reader.string(retention, "action", "'retention'", false),
        legalHold,
        anonymize == null ? null : anonymize.keyPosition(),
        reader.stringList(retention, "anonymize", "'retention'"));
  }

  @Nullable RawTestSuite testSuite(MapNode root) {
    reader.map(root, "the PolicyTest", TEST_KEYS);
    MapNode metadata = reader.map(reader.required(root, "metadata", "the PolicyTest"), "metadata", TEST_METADATA);
    List<RawTestCase> cases = new ArrayList<>();
    ListNode caseList = reader.list(reader.required(root, "cases", "the PolicyTest"), "'cases'");
    if (caseList != null) {
      for (SourceNode item : caseList.items()) {
        MapNode testCase = reader.map(item, "a test case", CASE_KEYS);
        if (testCase == null) {
          continue;
        }
        SourceNode expect = reader.required(testCase, "expect", "a test case");
        cases.add(new RawTestCase(testCase.position(),
            reader.string(testCase, "name", "a test case", true),
            reader.required(testCase, "request", "a test case"),
            expect instanceof MapNode map ? map : null));
        if (expect != null && !(expect instanceof MapNode)) {
          reader.error("wrong-type", expect.position(), "'expect' must be a mapping, not " + expect.describe(), null);
        }
      }
    }
    return new RawTestSuite(reader.file(), root.position(),
        metadata == null ? null : reader.string(metadata, "name", "metadata", true), cases);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
