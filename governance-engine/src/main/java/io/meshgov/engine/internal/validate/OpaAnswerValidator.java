package io.meshgov.engine.internal.validate;

import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the rules an OPA answer contributes for one product exactly as rules written in the
 * bundle are checked: mask methods and parameters, row filters type-checked against the product's
 * columns and kept to the SQL subset, retention periods and basis.
 */
public final class OpaAnswerValidator {
  private OpaAnswerValidator() {}

  /**
   * The valid rules, and errors in {@code problems} (reported under {@code file}) for the others;
   * the answer is usable only when no error was reported. {@code checked}: the engine's memory of
   * filters that type-checked.
   */
  public static List<Rule> validate(List<RawRule> raws, PolicySetVersion set, DataProduct product, String file,
      ProblemSink problems, FiltersChecked checked) {
    RuleReader reader = new RuleReader(file, null, Map.of(product.id(), product), set.scope(), problems, checked, null);
    List<Rule> rules = new ArrayList<>(raws.size());
    for (RawRule raw : raws) {
      Rule rule = reader.rule(raw);
      if (rule != null) {
        rules.add(rule);
      }
    }
    return rules;
  }
}
