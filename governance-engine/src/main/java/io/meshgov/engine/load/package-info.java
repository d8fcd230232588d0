/**
 * Stage 1, load: reads a bundle directory into a {@link io.meshgov.engine.load.RawBundle}, keeping
 * the source position of every value so later stages can report {@code file:line:column}.
 *
 * <p>Not API: public only so the other stages can use it.
 */
@NullMarked
package io.meshgov.engine.load;

import org.jspecify.annotations.NullMarked;
