/**
 * Stage 1, load: reads a bundle directory into a {@link io.meshgov.engine.internal.load.RawBundle},
 * keeping the source position of every value so later stages can report {@code file:line:column}.
 * Parses only: what the documents mean is the validate stage's job.
 *
 * <p>Not API: not exported by the module; public only so the other stages can use it.
 */
@NullMarked
package io.meshgov.engine.internal.load;

import org.jspecify.annotations.NullMarked;
