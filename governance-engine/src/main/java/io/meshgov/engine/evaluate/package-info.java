/**
 * Stage 4, evaluate: decides one request against a {@link io.meshgov.engine.compile.CompiledBundle}
 * by SPEC §4. Plain loops over precompiled arrays; allocation only for the decision itself and on
 * the error path; tracing costs nothing when off.
 *
 * <p>Not API: public only so the engine facade can use it.
 */
@NullMarked
package io.meshgov.engine.evaluate;

import org.jspecify.annotations.NullMarked;
