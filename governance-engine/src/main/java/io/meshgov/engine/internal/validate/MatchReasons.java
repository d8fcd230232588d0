package io.meshgov.engine.internal.validate;

import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Says why a rule's scope and {@code match} select a product and a column, naming the value that
 * satisfies each part (docs/cli.md, rules). It does not decide whether they do: the Planner does,
 * with {@link Match}; this only describes a selection already made, with {@link Match}'s own tag
 * test, so the words cannot disagree with the decision.
 */
public final class MatchReasons {
  private MatchReasons() {}

  /** Why {@code match} of a set of {@code scope} selects {@code product}. */
  public static List<String> product(Scope scope, Match match, DataProduct product) {
    List<String> reasons = new ArrayList<>();
    if (!scope.isGlobal()) {
      reasons.add("scope " + scope + " (the product's domain)");
    }
    if (match.productIds() != null) {
      reasons.add("match.products.ids: " + product.id());
    }
    if (match.productDomains() != null) {
      reasons.add("match.products.domains: " + product.domain());
    }
    if (match.classifications() != null) {
      reasons.add("match.products.classifications: " + product.classification().wireName());
    }
    if (match.productTags() != null) {
      reasons.add("match.products.tags: " + tags(match.productTags(), product.tags(), ""));
    }
    if (match.productIds() == null && match.productDomains() == null && match.classifications() == null
        && match.productTags() == null) {
      reasons.add(scope.isGlobal() ? "no match.products (applies to every product)"
          : "no match.products (applies to every product of domain " + scope.domain() + ")");
    }
    return reasons;
  }

  /** Why a column-level {@code match} selects {@code column}; nothing for a match without columns. */
  public static List<String> column(Match match, Column column) {
    List<String> reasons = new ArrayList<>();
    if (!match.columnLevel()) {
      return reasons;
    }
    if (match.columnNames() != null) {
      reasons.add("match.columns.names: " + column.name());
    }
    if (match.columnTags() != null) {
      reasons.add("match.columns.tags: " + tags(match.columnTags(), column.tags(), "column " + column.name() + " "));
    }
    if (match.columnNames() == null && match.columnTags() == null) {
      reasons.add("match.columns: {} (matches column " + column.name() + ", as every column)");
    }
    return reasons;
  }

  /** Each rule tag that matches, with the carried tags it matches: {@code regulated (carried as regulated.sox)}. */
  private static String tags(List<String> ruleTags, List<String> valueTags, String carrier) {
    StringJoiner result = new StringJoiner(", ");
    for (String ruleTag : ruleTags) {
      List<String> carried = new ArrayList<>();
      for (String valueTag : valueTags) {
        if (Match.tagMatches(ruleTag, valueTag)) {
          carried.add(valueTag);
        }
      }
      if (carried.isEmpty()) {
        continue;
      }
      if (carried.equals(List.of(ruleTag))) {
        result.add(carrier.isEmpty() ? ruleTag : ruleTag + " (" + carrier.strip() + ")");
      } else {
        result.add(ruleTag + " (" + (carrier.isEmpty() ? "carried as " : carrier + "carries ")
            + String.join(", ", carried) + ")");
      }
    }
    return result.toString();
  }
}
