/**
 * Requests, decisions, audit records and the {@link io.meshgov.engine.GovernanceEngine} interface.
 *
 * <p>Every type here is an immutable value: records check and copy their arguments in the
 * compact constructor, so instances are safe to share between threads.
 */
@NullMarked
package io.meshgov.api;

import org.jspecify.annotations.NullMarked;
