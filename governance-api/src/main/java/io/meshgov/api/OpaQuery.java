package io.meshgov.api;

/**
 * What meshgov would send an OPA-backed policy set for a request: the set, its data path, the URL
 * when an OPA URL is configured (else null), and the input document, for {@code opa eval -i}.
 */
public record OpaQuery(String policySet, String version, String path, @org.jspecify.annotations.Nullable String url,
    String input) {}
