/**
 * Stage 2, validate: turns a {@link io.meshgov.engine.load.RawBundle} into a typed {@link
 * io.meshgov.engine.validate.ValidatedBundle}, checking ownership and scope, ids, versions,
 * effective windows, mask methods, retention and every CEL condition, and reporting every problem
 * at once in a {@link io.meshgov.engine.validate.ValidationResult}.
 *
 * <p>Not API: public only so the other stages can use it.
 */
@NullMarked
package io.meshgov.engine.validate;

import org.jspecify.annotations.NullMarked;
