package io.meshgov.engine.validate;

import io.meshgov.api.Action;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A rule's {@code match}: every present field must match, a list matches if any element does, and
 * an empty list means "any". Tags match hierarchically: {@code pii} matches {@code pii.email}.
 */
public record Match(
    Set<String> productIds,
    Set<String> productDomains,
    Set<Classification> classifications,
    List<String> productTags,
    boolean columnLevel,
    Set<String> columnNames,
    List<String> columnTags,
    Set<Action> actions) {

  public Match {
    productIds = Set.copyOf(productIds);
    productDomains = Set.copyOf(productDomains);
    classifications = classifications.isEmpty() ? EnumSet.allOf(Classification.class) : EnumSet.copyOf(classifications);
    productTags = List.copyOf(productTags);
    columnNames = Set.copyOf(columnNames);
    columnTags = List.copyOf(columnTags);
    actions = actions.isEmpty() ? EnumSet.allOf(Action.class) : EnumSet.copyOf(actions);
  }

  public boolean matchesProduct(DataProduct product) {
    return (productIds.isEmpty() || productIds.contains(product.id()))
        && (productDomains.isEmpty() || productDomains.contains(product.domain()))
        && classifications.contains(product.classification())
        && (productTags.isEmpty() || anyTagMatches(productTags, product.tags()));
  }

  /** Whether a column-level rule's column part matches; true for rules that are not column-level. */
  public boolean matchesColumn(Column column) {
    return (columnNames.isEmpty() || columnNames.contains(column.name()))
        && (columnTags.isEmpty() || anyTagMatches(columnTags, column.tags()));
  }

  public boolean matchesAction(Action action) {
    return actions.contains(action);
  }

  /** True when a rule tag equals a value tag or is one of its dotted ancestors. */
  static boolean anyTagMatches(List<String> ruleTags, List<String> valueTags) {
    for (String ruleTag : ruleTags) {
      for (String valueTag : valueTags) {
        if (valueTag.equals(ruleTag)
            || (valueTag.length() > ruleTag.length() && valueTag.startsWith(ruleTag)
                && valueTag.charAt(ruleTag.length()) == '.')) {
          return true;
        }
      }
    }
    return false;
  }
}
