package io.meshgov.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How meshgov reaches Open Policy Agent for OPA-backed policy sets (docs/opa.md). These are deployment
 * settings, kept out of the bundle: the same bundle runs against a sidecar in one place and a
 * cluster in another. Immutable; build with {@link #builder(URI)}.
 *
 * <p>The defaults suit a query gateway, where a decision must never wait long:
 *
 * <ul>
 *   <li>{@code callTimeout} 250 ms: the deadline for all OPA calls of one decision, retries
 *       included. When it passes the request is denied (fail closed).
 *   <li>{@code connectTimeout} and {@code readTimeout}: unset, they are the call timeout, so
 *       raising the deadline raises them too; set them to fail a single stalled connect or read
 *       sooner (each is capped by what is left of the deadline anyway).
 *   <li>{@code maxAttempts} 2: one retry, only after a failure that cannot have been evaluated
 *       (connection refused or reset, HTTP 502, 503, 504, 429) and only within the deadline.
 *   <li>circuit breaker: after {@code breakerFailures} 5 consecutive failures to reach OPA, calls
 *       fail at once for {@code breakerOpenDuration} 1 s; then one trial call decides whether it
 *       closes again.
 *   <li>cache: answers are kept {@code cacheTtl} 10 s, at most {@code cacheMaximumSize} 10,000, by
 *       policy set, version and the exact input document.
 *   <li>{@code maxStaleness} 0 (off): when set, a decision whose OPA call fails may use the last
 *       good answer for the same input if it is at most this old, marked {@code stale: true}.
 *   <li>{@code maxConcurrentCalls} 16: how many decisions of a batch call OPA at once; {@code
 *       maxIdleConnections} 16 kept alive for {@code keepAlive} 5 min.
 * </ul>
 */
public final class OpaSettings {
  /** Environment variable with OPA's base URL, read by {@link #fromEnvironment}. */
  public static final String URL_VARIABLE = "MESHGOV_OPA_URL";
  /** Environment variable with a file holding the bearer token, read by {@link #fromEnvironment}. */
  public static final String TOKEN_FILE_VARIABLE = "MESHGOV_OPA_TOKEN_FILE";

  private final URI baseUrl;
  private final @Nullable String bearerToken;
  private final @Nullable Path bearerTokenFile;
  private final @Nullable Path trustedCertificates;
  private final @Nullable Duration connectTimeout;
  private final @Nullable Duration readTimeout;
  private final Duration callTimeout;
  private final int maxAttempts;
  private final int breakerFailures;
  private final Duration breakerOpenDuration;
  private final Duration cacheTtl;
  private final long cacheMaximumSize;
  private final Duration maxStaleness;
  private final int maxConcurrentCalls;
  private final int maxIdleConnections;
  private final Duration keepAlive;
  private final LongSupplier ticker;

  private OpaSettings(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.bearerToken = builder.bearerToken;
    this.bearerTokenFile = builder.bearerTokenFile;
    this.trustedCertificates = builder.trustedCertificates;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.callTimeout = builder.callTimeout;
    this.maxAttempts = builder.maxAttempts;
    this.breakerFailures = builder.breakerFailures;
    this.breakerOpenDuration = builder.breakerOpenDuration;
    this.cacheTtl = builder.cacheTtl;
    this.cacheMaximumSize = builder.cacheMaximumSize;
    this.maxStaleness = builder.maxStaleness;
    this.maxConcurrentCalls = builder.maxConcurrentCalls;
    this.maxIdleConnections = builder.maxIdleConnections;
    this.keepAlive = builder.keepAlive;
    this.ticker = builder.ticker;
  }

  /** Settings for the OPA server at {@code baseUrl} (http or https, e.g. {@code http://127.0.0.1:8181}). */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * Settings from {@code MESHGOV_OPA_URL} and {@code MESHGOV_OPA_TOKEN_FILE} in {@code environment}
   * (pass {@code System.getenv()}), or empty when no URL is set. The engine never reads the
   * environment by itself: an embedding service decides where its settings come from.
   */
  public static Optional<Builder> fromEnvironment(Map<String, String> environment) {
    String url = environment.get(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    Builder builder = builder(parseUrl(url.strip(), URL_VARIABLE));
    String tokenFile = environment.get(TOKEN_FILE_VARIABLE);
    if (tokenFile != null && !tokenFile.isBlank()) {
      builder.bearerTokenFile(Path.of(tokenFile.strip()));
    }
    return Optional.of(builder);
  }

  /** Parses an OPA base URL, naming {@code source} (a flag or variable) when it is not one. */
  public static URI parseUrl(String text, String source) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(source + ": '" + text + "' is not a URL: " + e.getReason());
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(source + ": '" + text + "' is not an http or https URL, e.g. http://127.0.0.1:8181");
    }
    return uri;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public @Nullable String bearerToken() {
    return bearerToken;
  }

  public @Nullable Path bearerTokenFile() {
    return bearerTokenFile;
  }

  public @Nullable Path trustedCertificates() {
    return trustedCertificates;
  }

  /** The connect timeout, the call timeout when none was set. */
  public Duration connectTimeout() {
    return connectTimeout != null ? connectTimeout : callTimeout;
  }

  /** The read (and write) timeout, the call timeout when none was set. */
  public Duration readTimeout() {
    return readTimeout != null ? readTimeout : callTimeout;
  }

  public Duration callTimeout() {
    return callTimeout;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public int breakerFailures() {
    return breakerFailures;
  }

  public Duration breakerOpenDuration() {
    return breakerOpenDuration;
  }

  public Duration cacheTtl() {
    return cacheTtl;
  }

  public long cacheMaximumSize() {
    return cacheMaximumSize;
  }

  public Duration maxStaleness() {
    return maxStaleness;
  }

  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  public int maxIdleConnections() {
    return maxIdleConnections;
  }

  public Duration keepAlive() {
    return keepAlive;
  }

  /** The monotonic nanosecond source of deadlines, breaker and cache expiry; {@code System::nanoTime} unless set. */
  public LongSupplier ticker() {
    return ticker;
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder builder = new Builder(baseUrl);
    builder.bearerToken = bearerToken;
    builder.bearerTokenFile = bearerTokenFile;
    builder.trustedCertificates = trustedCertificates;
    builder.connectTimeout = connectTimeout;
    builder.readTimeout = readTimeout;
    builder.callTimeout = callTimeout;
    builder.maxAttempts = maxAttempts;
    builder.breakerFailures = breakerFailures;
    builder.breakerOpenDuration = breakerOpenDuration;
    builder.cacheTtl = cacheTtl;
    builder.cacheMaximumSize = cacheMaximumSize;
    builder.maxStaleness = maxStaleness;
    builder.maxConcurrentCalls = maxConcurrentCalls;
    builder.maxIdleConnections = maxIdleConnections;
    builder.keepAlive = keepAlive;
    builder.ticker = ticker;
    return builder;
  }

  /** Builds {@link OpaSettings}; every setting is checked when set, naming the argument. Not thread-safe. */
  public static final class Builder {
    private URI baseUrl;
    private @Nullable String bearerToken;
    private @Nullable Path bearerTokenFile;
    private @Nullable Path trustedCertificates;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private Duration callTimeout = Duration.ofMillis(250);
    private int maxAttempts = 2;
    private int breakerFailures = 5;
    private Duration breakerOpenDuration = Duration.ofSeconds(1);
    private Duration cacheTtl = Duration.ofSeconds(10);
    private long cacheMaximumSize = 10_000;
    private Duration maxStaleness = Duration.ZERO;
    private int maxConcurrentCalls = 16;
    private int maxIdleConnections = 16;
    private Duration keepAlive = Duration.ofMinutes(5);
    private LongSupplier ticker = System::nanoTime;

    private Builder(URI baseUrl) {
      baseUrl(baseUrl);
    }

    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "base URL must not be null");
      this.baseUrl = parseUrl(baseUrl.toString(), "OPA base URL");
      return this;
    }

    /** A bearer token sent as {@code Authorization: Bearer <token>}; replaces a token file. */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "bearer token must not be null");
      if (token.isBlank() || token.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException("bearer token must not be blank or hold control characters");
      }
      this.bearerToken = token;
      this.bearerTokenFile = null;
      return this;
    }

    /**
     * A file holding the bearer token (surrounding whitespace ignored), read when the engine is
     * built and again whenever the file changes, so a rotated token is picked up without a
     * restart. Replaces a token.
     */
    public Builder bearerTokenFile(Path file) {
      this.bearerTokenFile = Objects.requireNonNull(file, "bearer token file must not be null");
      this.bearerToken = null;
      return this;
    }

    /** PEM certificates to trust for an https OPA URL instead of the JVM's default trust store. */
    public Builder trustedCertificates(Path pemFile) {
      this.trustedCertificates = Objects.requireNonNull(pemFile, "trusted certificates file must not be null");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connect timeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "read timeout");
      return this;
    }

    /** The deadline for all OPA calls of one decision, retries included. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "call timeout");
      return this;
    }

    /** Attempts per OPA call, the first included: 1 turns retries off. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("max attempts must be at least 1");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** Consecutive failures to reach OPA that open the circuit breaker, and how long it stays open. */
    public Builder circuitBreaker(int failures, Duration openDuration) {
      if (failures < 1) {
        throw new IllegalArgumentException("circuit breaker failures must be at least 1");
      }
      this.breakerFailures = failures;
      this.breakerOpenDuration = positive(openDuration, "circuit breaker open duration");
      return this;
    }

    /** How long answers are reused, and how many are kept; a zero TTL or size turns the cache off. */
    public Builder cache(Duration ttl, long maximumSize) {
      this.cacheTtl = notNegative(ttl, "cache TTL");
      if (maximumSize < 0) {
        throw new IllegalArgumentException("cache maximum size must not be negative");
      }
      this.cacheMaximumSize = maximumSize;
      return this;
    }

    /** The oldest answer usable when OPA cannot be reached; zero (the default) turns the fallback off. */
    public Builder maxStaleness(Duration staleness) {
      this.maxStaleness = notNegative(staleness, "max staleness");
      return this;
    }

    public Builder maxConcurrentCalls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("max concurrent calls must be at least 1");
      }
      this.maxConcurrentCalls = calls;
      return this;
    }

    public Builder connectionPool(int maxIdleConnections, Duration keepAlive) {
      if (maxIdleConnections < 0) {
        throw new IllegalArgumentException("max idle connections must not be negative");
      }
      this.maxIdleConnections = maxIdleConnections;
      this.keepAlive = positive(keepAlive, "keep-alive");
      return this;
    }

    /** The nanosecond time source of the cache, the staleness window and the breaker; for tests. */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
      return this;
    }

    public OpaSettings build() {
      return new OpaSettings(this);
    }

    private static Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what + " must not be null");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return duration;
    }

    private static Duration notNegative(Duration duration, String what) {
      Objects.requireNonNull(duration, what + " must not be null");
      if (duration.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative");
      }
      return duration;
    }
  }
}
