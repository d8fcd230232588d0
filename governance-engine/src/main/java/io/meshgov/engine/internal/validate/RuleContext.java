package io.meshgov.engine.internal.validate;

import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the readers of one policy set's rules share: the file and its text (to place CEL problems),
 * the products rules are checked against, the set's scope (null when invalid), where problems go,
 * and the engine's memory of type-checked filters.
 */
record RuleContext(String file, @Nullable String fileText, Map<String, DataProduct> catalog, @Nullable Scope scope,
    ProblemSink problems, FiltersChecked checked) {}
