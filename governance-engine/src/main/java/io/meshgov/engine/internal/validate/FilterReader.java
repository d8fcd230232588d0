package io.meshgov.engine.internal.validate;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks a row-filter rule's {@code filter}: CEL within the SQL-expressible subset,
 * naming only columns every matched product has, and type-checked against each product's columns
 * (remembered in the engine's {@link FiltersChecked}).
 */
final class FilterReader {
  private final String file;
  private final @Nullable String fileText;
  private final ProblemSink problems;
  private final FiltersChecked checked;
  private final ConditionReader conditions;

  FilterReader(RuleContext context) {
    this.file = context.file();
    this.fileText = context.fileText();
    this.problems = context.problems();
    this.checked = context.checked();
    this.conditions = new ConditionReader(context);
  }

  @Nullable Filter filter(RawRule raw, List<DataProduct> products) {
    Scalar source = raw.filter();
    if (source == null) {
      problems.error("missing-key", file, raw.position(), "a row-filter rule needs 'filter: <CEL expression>'",
          "add e.g. filter: \"region == subject.attributes.region\"");
      return null;
    }
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse(source.text());
    if (parsed.hasError()) {
      conditions.reportCel(source, parsed.getErrors(), null);
      return null;
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = parsed.getAst();
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException(e);
    }
    Optional<FilterSubset.Violation> violation = FilterSubset.firstViolation(ast.getExpr());
    if (violation.isPresent()) {
      problems.error("filter-subset", file, CelSupport.position(source, ast, violation.get().expr(), fileText),
          violation.get().message(),
          "row filters may use comparisons, && || !, in a list, startsWith, endsWith, contains, size, "
              + "arithmetic and timestamp(...)");
      return null;
    }
    Set<String> columns = CelSupport.freeNames(ast.getExpr());
    boolean ok = true;
    Set<String> reported = new HashSet<>();
    for (DataProduct product : products) {
      List<String> missing = new ArrayList<>();
      for (String column : columns) {
        if (product.column(column).isEmpty()) {
          missing.add(column);
        }
      }
      if (!missing.isEmpty()) {
        problems.error("filter-missing-column", file, source.contentPosition(),
            "filter names column" + (missing.size() > 1 ? "s " : " ") + "'" + String.join("', '", missing)
                + "', which product " + product.id() + " lacks",
            "narrow match.products so the rule only matches products with " + (missing.size() > 1 ? "these columns" : "this column")
                + ", or fix the column name");
        ok = false;
        continue;
      }
      if (checked.passed(source.text(), product.columns())) {
        continue;
      }
      CelValidationResult result = ConditionEnvironment.filter(product.columns()).compile(source.text());
      if (!result.hasError()) {
        checked.remember(source.text(), product.columns());
      } else {
        List<CelIssue> fresh = new ArrayList<>();
        for (CelIssue issue : result.getErrors()) {
          if (reported.add(issue.getMessage())) {
            fresh.add(issue);
          }
        }
        conditions.reportCel(source, fresh, "for product " + product.id());
        ok = false;
      }
    }
    // one check against columns of any type: the AST in which the vocabulary's names are found
    if (!products.isEmpty() && !conditions.checksNames()) {
      return ok ? new Filter(source.text(), ast, columns) : null;
    }
    CelValidationResult dynamic = ConditionEnvironment.filterWithDynamicColumns(columns).compile(source.text());
    if (dynamic.hasError() && products.isEmpty()) {
      conditions.reportCel(source, dynamic.getErrors(), null);
      ok = false;
    } else if (!dynamic.hasError()) {
      try {
        conditions.checkNames(source, dynamic.getAst());
      } catch (dev.cel.common.CelValidationException e) {
        throw new IllegalStateException(e);
      }
    }
    return ok ? new Filter(source.text(), ast, columns) : null;
  }
}
