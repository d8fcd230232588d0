package io.meshgov.engine.internal.validate;

import dev.cel.common.CelAbstractSyntaxTree;
import java.util.Set;

/**
 * A row filter: its source, its parsed (not yet type-checked: types depend on the product) AST,
 * and the column names it uses.
 */
public record Filter(String source, CelAbstractSyntaxTree parsedAst, Set<String> columns) {
  public Filter {
    columns = Set.copyOf(columns);
  }
}
