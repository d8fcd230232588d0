/**
 * The Java implementations of the mask methods of docs/mask-methods.md, public so that an embedding service can
 * mask values itself: {@link io.meshgov.engine.mask.Masks#compile} turns a {@link
 * io.meshgov.api.Mask} and a {@link io.meshgov.api.ColumnType} into a {@link
 * io.meshgov.engine.mask.MaskFunction}.
 *
 * <p>Compile once, apply many times: parameters are checked and resolved when compiling, so the
 * compiled functions do no parsing or lookups per value. Compiled functions are immutable and safe
 * to share between threads. They define the masked value of each method; SQL rendered for query
 * gateways (not built yet) must give the same values.
 */
@NullMarked
package io.meshgov.engine.mask;

import org.jspecify.annotations.NullMarked;
