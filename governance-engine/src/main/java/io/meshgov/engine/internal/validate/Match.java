package io.meshgov.engine.internal.validate;

import io.meshgov.api.Action;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code match}: every present field must match and a list matches if any element does,
 * so an absent field matches anything and an empty list nothing. Absent fields are null here.
 * Tags match hierarchically: {@code pii} matches {@code pii.email}.
 */
public record Match(
    @Nullable Set<String> productIds,
    @Nullable Set<String> productDomains,
    @Nullable Set<Classification> classifications,
    @Nullable List<String> productTags,
    boolean columnLevel,
    @Nullable Set<String> columnNames,
    @Nullable List<String> columnTags,
    Set<Action> actions) {

  public Match {
    productIds = productIds == null ? null : Set.copyOf(productIds);
    productDomains = productDomains == null ? null : Set.copyOf(productDomains);
    classifications = classifications == null ? null
        : classifications.isEmpty() ? EnumSet.noneOf(Classification.class) : EnumSet.copyOf(classifications);
    productTags = productTags == null ? null : List.copyOf(productTags);
    columnNames = columnNames == null ? null : Set.copyOf(columnNames);
    columnTags = columnTags == null ? null : List.copyOf(columnTags);
    actions = actions.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(actions);
  }

  public boolean matchesProduct(DataProduct product) {
    return (productIds == null || productIds.contains(product.id()))
        && (productDomains == null || productDomains.contains(product.domain()))
        && (classifications == null || classifications.contains(product.classification()))
        && (productTags == null || anyTagMatches(productTags, product.tags()));
  }

  /** Whether a column-level rule's column part matches; true for rules that are not column-level. */
  public boolean matchesColumn(Column column) {
    return (columnNames == null || columnNames.contains(column.name()))
        && (columnTags == null || anyTagMatches(columnTags, column.tags()));
  }

  /** {@code actions} holds every action when the rule names none (the default: all actions). */
  public boolean matchesAction(Action action) {
    return actions.contains(action);
  }

  /** True when a rule tag equals a value tag or is one of its dotted ancestors. */
  public static boolean anyTagMatches(List<String> ruleTags, List<String> valueTags) {
    for (String ruleTag : ruleTags) {
      for (String valueTag : valueTags) {
        if (tagMatches(ruleTag, valueTag)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether one rule tag matches one value tag: equal, or a dotted ancestor ({@code pii} matches
   * {@code pii.email}, not {@code piix}). The one tag test; explanations of a match use it too.
   */
  public static boolean tagMatches(String ruleTag, String valueTag) {
    return valueTag.equals(ruleTag)
        || (valueTag.length() > ruleTag.length() && valueTag.startsWith(ruleTag)
            && valueTag.charAt(ruleTag.length()) == '.');
  }
}
