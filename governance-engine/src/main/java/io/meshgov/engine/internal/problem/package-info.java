/**
 * Problems and their positions, shared by every stage: a {@link
 * io.meshgov.engine.internal.problem.ProblemSink} collects {@link io.meshgov.api.Problem}s at
 * {@code file:line:column}, and {@link io.meshgov.engine.internal.problem.Suggestions} gives the one
 * kind of "did you mean" every message uses.
 *
 * <p>Not API: not exported by the module; public only so the stages can share it.
 */
@NullMarked
package io.meshgov.engine.internal.problem;

import org.jspecify.annotations.NullMarked;
