package io.meshgov.api;

/**
 * Counters of an engine's OPA federation since it was built: cache hits (fresh answers reused) and
 * misses, HTTP attempts made, consultations that failed (the request was denied) and stale
 * answers used, and the circuit breaker's state: {@code closed}, {@code open} or {@code half-open}.
 */
public record OpaStatistics(
    long cacheHits, long cacheMisses, long httpAttempts, long failures, long staleAnswers, String circuitBreaker) {}
