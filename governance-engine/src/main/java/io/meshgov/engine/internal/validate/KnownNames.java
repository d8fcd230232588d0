package io.meshgov.engine.internal.validate;

import dev.cel.common.CelAbstractSyntaxTree;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The names a bundle knows, from its catalog and its vocabulary (docs/policy-language.md,
 * "Vocabulary"), and the checks that a rule names only those: a typo must never make a rule
 * silently match nothing. Each problem is reported at the name's own position, with the nearest
 * known name as "did you mean". Immutable once built.
 */
final class KnownNames {
  private final Vocabulary vocabulary;
  /** Every tag a rule may name: declared or carried, each with its ancestors. */
  private final Set<String> tags;
  /** The declared tags with their ancestors; null when the vocabulary declares none. */
  private final @Nullable Set<String> declaredTags;
  /** False when a product could not be read: the catalog's names are then not all known, so not checked. */
  private final boolean catalogComplete;

  KnownNames(Vocabulary vocabulary, Map<String, DataProduct> catalog, boolean catalogComplete) {
    this.vocabulary = vocabulary;
    this.catalogComplete = catalogComplete;
    Set<String> declared = null;
    if (vocabulary.tags() != null) {
      declared = new TreeSet<>();
      for (String tag : vocabulary.tags()) {
        addWithAncestors(tag, declared);
      }
    }
    this.declaredTags = declared;
    Set<String> known = new TreeSet<>(declared == null ? Set.of() : declared);
    for (DataProduct product : catalog.values()) {
      product.tags().forEach(tag -> addWithAncestors(tag, known));
      for (Column column : product.columns()) {
        column.tags().forEach(tag -> addWithAncestors(tag, known));
      }
    }
    this.tags = known;
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  /** A tag in a rule's match, or tested in a condition: declared, or carried by the catalog. */
  void ruleTag(String file, Scalar tag, ProblemSink problems) {
    ruleTag(file, tag.text(), tag.position(), problems);
  }

  private void ruleTag(String file, String tag, Position at, ProblemSink problems) {
    if (tags.contains(tag) || !catalogComplete) {
      return;
    }
    problems.error("unknown-tag", file, at,
        "unknown tag '" + tag + "': no product or column of the catalog carries it and vocabulary.tags does not declare it",
        didYouMean(tag, tags, "declare it under vocabulary.tags in bundle.yaml if it is new, or fix the tag"));
  }

  /** A tag on a catalog product or column: declared, when the vocabulary declares tags. */
  void catalogTag(String file, Scalar tag, ProblemSink problems) {
    if (declaredTags == null || declaredTags.contains(tag.text())) {
      return;
    }
    problems.error("unknown-tag", file, tag.position(),
        "tag '" + tag.text() + "' is not declared in vocabulary.tags (bundle.yaml)",
        didYouMean(tag.text(), declaredTags, "declare it under vocabulary.tags in bundle.yaml, or fix the tag"));
  }

  /** A name in {@code match.columns.names}: a column of at least one of the products the rule can match. */
  void ruleColumn(String file, Scalar name, Collection<DataProduct> products, ProblemSink problems) {
    if (!catalogComplete) {
      return;
    }
    Set<String> columns = new LinkedHashSet<>();
    for (DataProduct product : products) {
      if (product.column(name.text()).isPresent()) {
        return;
      }
      for (Column column : product.columns()) {
        columns.add(column.name());
      }
    }
    String message = products.size() == 1
        ? "product " + products.iterator().next().id() + " has no column '" + name.text() + "'"
        : "none of the " + products.size() + " products this rule can match has a column '" + name.text() + "'";
    List<String> shown = new ArrayList<>(columns);
    String listed = shown.size() <= 12 ? String.join(", ", shown)
        : String.join(", ", shown.subList(0, 12)) + ", … (" + shown.size() + " in all)";
    problems.error("unknown-column", file, name.position(), message,
        didYouMean(name.text(), columns, "columns: " + listed));
  }

  /** The purposes, attribute keys, roles, groups and tags a checked condition names as literals. */
  void conditionNames(String file, Scalar source, CelAbstractSyntaxTree ast, @Nullable String fileText,
      ProblemSink problems) {
    for (ConditionNames.Use use : ConditionNames.of(ast)) {
      Position at = use.offset() < 0 ? source.contentPosition() : CelSupport.position(source, ast, use.offset(), fileText);
      switch (use.kind()) {
        case PURPOSE:
          declared(file, at, use.name(), vocabulary.purposes(), "purpose", "purposes", problems);
          break;
        case ATTRIBUTE:
          declared(file, at, use.name(), vocabulary.attributes(), "attribute", "attributes", problems);
          break;
        case ROLE:
          declared(file, at, use.name(), vocabulary.roles(), "role", "roles", problems);
          break;
        case GROUP:
          declared(file, at, use.name(), vocabulary.groups(), "group", "groups", problems);
          break;
        default:
          ruleTag(file, use.name(), at, problems);
      }
    }
  }

  static void declared(String file, Position at, String name, @Nullable Set<String> declared, String what,
      String list, ProblemSink problems) {
    if (declared == null || declared.contains(name)) {
      return;
    }
    problems.error("unknown-" + what, file, at, what + " '" + name + "' is not declared in vocabulary." + list,
        didYouMean(name, declared, "declare it under vocabulary." + list + " in bundle.yaml, or fix the " + what));
  }

  private static String didYouMean(String name, Collection<String> known, String otherwise) {
    String near = Suggestions.closest(name, known);
    return near != null ? "did you mean '" + near + "'?" : otherwise;
  }

  private static void addWithAncestors(String tag, Set<String> into) {
    into.add(tag);
    for (int dot = tag.lastIndexOf('.'); dot > 0; dot = tag.lastIndexOf('.', dot - 1)) {
      into.add(tag.substring(0, dot));
    }
  }
}
