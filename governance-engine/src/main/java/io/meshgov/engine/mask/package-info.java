/**
 * The Java implementations of the SPEC §3 mask methods, public so that an embedding service can
 * mask values itself: {@link io.meshgov.engine.mask.Masks#compile} turns a {@link
 * io.meshgov.api.Mask} and a {@link io.meshgov.api.ColumnType} into a {@link
 * io.meshgov.engine.mask.MaskFunction}.
 *
 * <p>Compile once, apply many times: parameters are checked and resolved when compiling, so the
 * compiled functions do no parsing or lookups per value. Compiled functions are immutable and safe
 * to share between threads. They give exactly the values the SQL rendered for query gateways (SPEC
 * §9) gives, so a value masked in the service and one masked in the warehouse agree.
 */
@NullMarked
package io.meshgov.engine.mask;

import org.jspecify.annotations.NullMarked;
