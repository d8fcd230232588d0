/**
 * The engine's entry point: {@link io.meshgov.engine.GovernanceEngine}, built with {@code
 * GovernanceEngine.builder()}, and {@link io.meshgov.engine.RowFilters} for services that filter
 * rows themselves. API.
 *
 * <p>The pipeline runs load → validate → compile once per bundle ({@code BundlePipeline}), then
 * evaluate → audit per decision ({@code DefaultGovernanceEngine}, {@code DecisionAuditor}). The
 * stages live under {@code io.meshgov.engine.internal}, one package each, and are not API.
 */
@NullMarked
package io.meshgov.engine;

import org.jspecify.annotations.NullMarked;
