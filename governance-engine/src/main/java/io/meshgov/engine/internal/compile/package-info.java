/**
 * Stage 3, compile: turns a {@link io.meshgov.engine.internal.validate.ValidatedBundle} into an
 * immutable {@link io.meshgov.engine.internal.compile.CompiledBundle}: CEL programs built once, rules
 * sorted in the tie-break order of docs/combining.md, and per product, action and time span a plan
 * listing only the rules that can apply, so a decision touches nothing else.
 *
 * <p>Not API: not exported by the module; public only so the engine and the evaluate stage can use it.
 */
@NullMarked
package io.meshgov.engine.internal.compile;

import org.jspecify.annotations.NullMarked;
