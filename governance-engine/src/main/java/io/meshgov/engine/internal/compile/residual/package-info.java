/**
 * Row filters prepared for partial evaluation: at compile time a filter's parts that name no
 * column become CEL programs and the rest a tree of small nodes; at decision time the programs run,
 * and the tree folds what they decided and renders the residual over column names.
 *
 * <p>Not API: not exported by the module; public only so the compile and evaluate stages can use it.
 */
@NullMarked
package io.meshgov.engine.internal.compile.residual;

import org.jspecify.annotations.NullMarked;
