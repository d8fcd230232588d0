/**
 * Stage 2, validate: turns a {@link io.meshgov.engine.internal.load.RawBundle} into a typed {@link
 * io.meshgov.engine.internal.validate.ValidatedBundle}, checking ownership and scope, ids, versions,
 * effective windows, mask methods, retention, every CEL condition and every PolicyTest case, and
 * reporting every problem at once in a {@link io.meshgov.engine.internal.validate.ValidationResult}.
 * Requests read from files and OPA answers are checked here too, by the same rules.
 *
 * <p>Not API: not exported by the module; public only so the other stages can use it.
 */
@NullMarked
package io.meshgov.engine.internal.validate;

import org.jspecify.annotations.NullMarked;
