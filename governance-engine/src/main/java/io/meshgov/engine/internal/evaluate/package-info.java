/**
 * Stage 4, evaluate: decides one request against a {@link
 * io.meshgov.engine.internal.compile.CompiledBundle} by the combining rules of docs/combining.md.
 * Plain loops over precompiled arrays; allocation only for the decision itself and on the error
 * path; tracing costs nothing when off.
 *
 * <p>Not API: not exported by the module; public only so the engine can use it.
 */
@NullMarked
package io.meshgov.engine.internal.evaluate;

import org.jspecify.annotations.NullMarked;
