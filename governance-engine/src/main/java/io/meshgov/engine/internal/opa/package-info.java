/**
 * Policy sets evaluated by Open Policy Agent (docs/opa.md): the input document, the HTTP client with
 * its deadline, retries and circuit breaker, the answer cache, and the federation that turns OPA's
 * answers into rules that combine like any other.
 *
 * <p>Not API: not exported by the module; callers configure it through {@link
 * io.meshgov.api.OpaSettings} and read {@link io.meshgov.api.OpaStatistics}.
 */
@NullMarked
package io.meshgov.engine.internal.opa;

import org.jspecify.annotations.NullMarked;
