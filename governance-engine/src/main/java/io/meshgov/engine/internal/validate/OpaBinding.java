package io.meshgov.engine.internal.validate;

import io.meshgov.engine.internal.problem.Position;

/**
 * Where an OPA-backed policy set is evaluated: OPA's data {@code path} (the request goes to {@code
 * POST <opa-url>/v1/data/<path>}), and which requests go there ({@code match}: products and
 * actions; absent fields match anything). {@code notConfiguredAcknowledged}: the file acknowledges
 * that it may be loaded where no OPA is configured, so no {@code opa-not-configured} warning is due.
 */
public record OpaBinding(String path, Match match, Position position, boolean notConfiguredAcknowledged) {}
