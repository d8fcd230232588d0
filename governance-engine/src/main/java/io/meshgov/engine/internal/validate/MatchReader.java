package io.meshgov.engine.internal.validate;

import static io.meshgov.engine.internal.validate.ProductValidator.checkTags;
import static io.meshgov.engine.internal.validate.Scalars.names;
import static io.meshgov.engine.internal.validate.Scalars.orEmpty;
import static io.meshgov.engine.internal.validate.Scalars.textSet;
import static io.meshgov.engine.internal.validate.Scalars.texts;
import static io.meshgov.engine.internal.validate.Scalars.unknownValue;

import io.meshgov.api.Action;
import io.meshgov.api.Classification;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawMatch;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks a rule's (or an OPA binding's) {@code match}: classifications, actions and tags,
 * a domain set's reach into other domains, and product ids the catalog lacks.
 */
final class MatchReader {
  private final String file;
  private final Map<String, DataProduct> catalog;
  private final @Nullable Scope scope;
  private final ProblemSink problems;
  private final @Nullable KnownNames names;

  MatchReader(RuleContext context) {
    this.names = context.names();
    this.file = context.file();
    this.catalog = context.catalog();
    this.scope = context.scope();
    this.problems = context.problems();
  }

  @Nullable Match match(RawMatch raw) {
    int errorsBefore = problems.errorCount();
    warnEmpty(raw.productIds(), raw.position(), "match.products.ids");
    warnEmpty(raw.productDomains(), raw.position(), "match.products.domains");
    warnEmpty(raw.productClassifications(), raw.position(), "match.products.classifications");
    warnEmpty(raw.productTags(), raw.position(), "match.products.tags");
    warnEmpty(raw.columnNames(), raw.position(), "match.columns.names");
    warnEmpty(raw.columnTags(), raw.position(), "match.columns.tags");
    warnEmpty(raw.actions(), raw.position(), "match.actions");
    EnumSet<Classification> classifications = null;
    if (raw.productClassifications() != null) {
      classifications = EnumSet.noneOf(Classification.class);
      for (Scalar value : raw.productClassifications()) {
        Classification classification = Classification.fromWireName(value.text()).orElse(null);
        if (classification == null) {
          unknownValue(file, value, "classification", names(Classification.values()), problems);
        } else {
          classifications.add(classification);
        }
      }
    }
    // absent actions mean all actions; an empty list means none
    EnumSet<Action> actions = raw.actions() == null ? EnumSet.allOf(Action.class) : EnumSet.noneOf(Action.class);
    for (Scalar value : orEmpty(raw.actions())) {
      Action action = Action.fromWireName(value.text()).orElse(null);
      if (action == null) {
        unknownValue(file, value, "action", names(Action.values()), problems);
      } else {
        actions.add(action);
      }
    }
    knownTags(orEmpty(raw.productTags()));
    knownTags(orEmpty(raw.columnTags()));
    if (scope != null && !scope.isGlobal()) {
      String domain = scope.domain();
      for (Scalar id : orEmpty(raw.productIds())) {
        DataProduct product = catalog.get(id.text());
        String owner = product != null ? product.domain() : id.text().contains(".") ? id.text().substring(0, id.text().indexOf('.')) : id.text();
        if (!owner.equals(domain)) {
          problems.error("cross-domain", file, id.position(),
              "product '" + id.text() + "' belongs to domain '" + owner + "'; a domain:" + domain
                  + " policy set may only name products of domain '" + domain + "'",
              "move the rule to a policy set of domain '" + owner + "', or ask the governance council for a global rule");
        }
      }
      for (Scalar other : orEmpty(raw.productDomains())) {
        if (!other.text().equals(domain)) {
          problems.error("cross-domain", file, other.position(),
              "a domain:" + domain + " policy set may not target domain '" + other.text() + "'",
              "remove '" + other.text() + "', or ask the governance council for a global rule");
        }
      }
    }
    for (Scalar id : orEmpty(raw.productIds())) {
      if (!catalog.containsKey(id.text()) && problems.errorCount() == errorsBefore) {
        String suggestion = Suggestions.closest(id.text(), catalog.keySet());
        problems.warning("unknown-product", file, id.position(),
            "no product '" + id.text() + "' in the catalog; the rule can only match inline products",
            suggestion != null ? "did you mean '" + suggestion + "'?" : null);
      }
    }
    if (problems.errorCount() > errorsBefore) {
      return null;
    }
    return new Match(textSet(raw.productIds()), textSet(raw.productDomains()), classifications,
        raw.productTags() == null ? null : texts(raw.productTags()), raw.columnLevel(), textSet(raw.columnNames()),
        raw.columnTags() == null ? null : texts(raw.columnTags()), actions);
  }

  /** Well-formed tags, each carried by the catalog or declared: a typo would match nothing. */
  private void knownTags(List<Scalar> tags) {
    if (checkTags(file, tags, problems) && names != null) {
      for (Scalar tag : tags) {
        names.ruleTag(file, tag, problems);
      }
    }
  }

  /**
   * Each name of {@code match.columns.names} is a column of a catalog product the rule can match;
   * a rule that matches none of the catalog yet (its products are to come, or inline) is held to
   * the columns of every catalog product in its scope, so a typo is caught either way.
   */
  void checkColumnNames(RawMatch raw, @Nullable Match match, List<DataProduct> matched) {
    if (names == null || match == null || raw.columnNames() == null) {
      return;
    }
    List<DataProduct> candidates = matched;
    if (candidates.isEmpty()) {
      candidates = new ArrayList<>();
      for (DataProduct product : catalog.values()) {
        if (scope == null || scope.isGlobal() || product.domain().equals(scope.domain())) {
          candidates.add(product);
        }
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    for (Scalar name : raw.columnNames()) {
      names.ruleColumn(file, name, candidates, problems);
    }
  }

  private void warnEmpty(@Nullable List<Scalar> list, Position at, String what) {
    if (list != null && list.isEmpty()) {
      problems.warning("empty-match", file, at, what + " is an empty list, which matches nothing: the rule never applies",
          "list at least one value, or remove the key to match anything");
    }
  }

  /** The catalog products this rule can apply to: its static match within its scope. */
  List<DataProduct> matchedProducts(@Nullable Match match) {
    List<DataProduct> products = new ArrayList<>();
    if (match == null || scope == null) {
      return products;
    }
    for (DataProduct product : catalog.values()) {
      if ((scope.isGlobal() || product.domain().equals(scope.domain())) && match.matchesProduct(product)) {
        products.add(product);
      }
    }
    return products;
  }
}
