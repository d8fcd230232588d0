/**
 * Stage 3, compile: turns a {@link io.meshgov.engine.validate.ValidatedBundle} into an immutable
 * {@link io.meshgov.engine.compile.CompiledBundle}: CEL programs built once, rules sorted in the
 * tie-break order of SPEC §4, and per product, action and time span a plan listing only the rules
 * that can apply, so a decision touches nothing else.
 *
 * <p>Not API: public only so the evaluate stage can use it.
 */
@NullMarked
package io.meshgov.engine.compile;

import org.jspecify.annotations.NullMarked;
