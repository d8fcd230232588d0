package io.meshgov.cli;

import io.meshgov.api.OpaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How the commands that call OPA ({@code decide}, {@code explain}, {@code test}) reach it (docs/opa.md):
 * the URL, a bearer token, a deadline and trusted certificates. Flags fall back to the environment
 * variables {@code MESHGOV_OPA_URL} and {@code MESHGOV_OPA_TOKEN_FILE}; a flag wins over its
 * variable.
 */
final class OpaConnectionOptions {
  @Mixin OpaUrlOption url;

  @Option(names = "--opa-token-file", paramLabel = "FILE",
      description = "File holding the bearer token sent to OPA (default: $MESHGOV_OPA_TOKEN_FILE).")
  @Nullable Path tokenFile;

  @Option(names = "--opa-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Deadline for the OPA calls of one decision, like 200ms or 1s (default: 250ms).")
  @Nullable Duration timeout;

  @Option(names = "--opa-ca-file", paramLabel = "FILE",
      description = "PEM file of CA certificates to trust for an https OPA URL.")
  @Nullable Path caFile;

  /**
   * The settings, or empty when neither a flag nor the environment names an OPA URL.
   *
   * @throws IllegalArgumentException if the URL is not one, or the other flags are given without it
   */
  Optional<OpaSettings> settings(Map<String, String> environment) {
    Optional<OpaSettings.Builder> found = url.builder(environment);
    if (found.isEmpty()) {
      if (tokenFile != null || timeout != null || caFile != null) {
        throw new IllegalArgumentException("--opa-token-file, --opa-timeout and --opa-ca-file need --opa-url "
            + "(or " + OpaSettings.URL_VARIABLE + ")");
      }
      return Optional.empty();
    }
    OpaSettings.Builder builder = found.get();
    String tokenFromEnvironment = environment.get(OpaSettings.TOKEN_FILE_VARIABLE);
    if (tokenFile != null) {
      builder.bearerTokenFile(tokenFile);
    } else if (tokenFromEnvironment != null && !tokenFromEnvironment.isBlank()) {
      builder.bearerTokenFile(Path.of(tokenFromEnvironment.strip()));
    }
    if (timeout != null) {
      builder.callTimeout(timeout);
    }
    if (caFile != null) {
      builder.trustedCertificates(caFile);
    }
    return Optional.of(builder.build());
  }

  /** {@code 200ms}, {@code 1.5s}, {@code 2m}, or an ISO-8601 duration such as {@code PT0.2S}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Duration duration = io.meshgov.server.ServerConfig.parseDuration(text);
      if (duration == null) {
        throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 200ms, 1s or PT0.2S");
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new TypeConversionException("'" + text + "' is not a positive duration");
      }
      return duration;
    }
  }
}
