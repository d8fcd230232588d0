package io.meshgov.engine.internal.validate;

import dev.cel.common.CelAbstractSyntaxTree;

/**
 * A checked {@code when} or {@code unless}: its source and type-checked AST. {@code columnLevel}
 * says which environment checked it.
 */
public record Condition(String source, CelAbstractSyntaxTree checkedAst, boolean columnLevel) {}
