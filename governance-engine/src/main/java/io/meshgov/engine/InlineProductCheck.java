package io.meshgov.engine;

import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of SPEC §2 for a product built in Java and passed inline, which no file check has
 * seen. Its domain decides which domain's rules apply, so an id outside its domain is refused.
 */
final class InlineProductCheck {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private InlineProductCheck() {}

  static List<Problem> problems(DataProduct product) {
    List<Problem> problems = new ArrayList<>();
    String id = product.id();
    String domain = product.domain();
    if (!NAME.matcher(domain).matches() || !id.startsWith(domain + ".")
        || !NAME.matcher(id.substring(Math.min(id.length(), domain.length() + 1))).matches()) {
      problems.add(problem("invalid-product-id", "inline product id '" + id + "' must be '" + domain
          + ".<name>' with lower_snake names", "give the product an id of its own domain"));
    }
    if (product.columns().isEmpty()) {
      problems.add(problem("no-columns", "inline product '" + id + "' has no columns", "list its columns"));
    }
    Set<String> seen = new HashSet<>();
    for (Column column : product.columns()) {
      if (!COLUMN.matcher(column.name()).matches()) {
        problems.add(problem("invalid-name", "column name '" + column.name() + "' of inline product '" + id
            + "' is not an identifier", "use letters, digits and underscores, starting with a letter"));
      } else if (!seen.add(column.name())) {
        problems.add(problem("duplicate-column", "inline product '" + id + "' declares column '" + column.name()
            + "' twice", "remove one of the two"));
      }
    }
    return problems;
  }

  private static Problem problem(String code, String message, String help) {
    return new Problem(Severity.ERROR, code, "<request>", 0, 0, message, help);
  }
}
