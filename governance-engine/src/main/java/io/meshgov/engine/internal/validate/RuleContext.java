package io.meshgov.engine.internal.validate;

import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the readers of one policy set's rules share: the file and its text (to place CEL problems),
 * the products rules are checked against, the set's scope (null when invalid), where problems go,
 * the engine's memory of type-checked filters, and the bundle's known names (null for rules an OPA
 * answer contributes, which name no tag and whose conditions are Rego's).
 */
record RuleContext(String file, @Nullable String fileText, Map<String, DataProduct> catalog, @Nullable Scope scope,
    ProblemSink problems, FiltersChecked checked, @Nullable KnownNames names) {}
