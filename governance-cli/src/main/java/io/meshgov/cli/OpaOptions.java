package io.meshgov.cli;

import io.meshgov.api.OpaSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Where OPA-backed policy sets are evaluated (SPEC §8): flags, falling back to the environment
 * variables {@code MESHGOV_OPA_URL} and {@code MESHGOV_OPA_TOKEN_FILE}. A flag wins over its
 * variable.
 */
final class OpaOptions {
  @Option(names = "--opa-url", paramLabel = "URL",
      description = "Base URL of the OPA server for OPA-backed policy sets, e.g. http://127.0.0.1:8181 "
          + "(default: $MESHGOV_OPA_URL). Without one, requests those sets match are denied.")
  @Nullable String url;

  @Option(names = "--opa-token-file", paramLabel = "FILE",
      description = "File holding the bearer token sent to OPA (default: $MESHGOV_OPA_TOKEN_FILE).")
  @Nullable Path tokenFile;

  @Option(names = "--opa-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Deadline for the OPA calls of one decision, like 200ms or 1s (default: 250ms).")
  @Nullable Duration timeout;

  @Option(names = "--opa-ca-file", paramLabel = "FILE",
      description = "PEM file of CA certificates to trust for an https OPA URL.")
  @Nullable Path caFile;

  /** The settings, or empty when neither a flag nor the environment names an OPA URL. */
  Optional<OpaSettings> settings(Map<String, String> environment) {
    OpaSettings.Builder builder;
    if (url != null) {
      builder = OpaSettings.builder(OpaSettings.parseUrl(url, "--opa-url"));
      String fromEnvironment = environment.get(OpaSettings.TOKEN_FILE_VARIABLE);
      if (tokenFile == null && fromEnvironment != null && !fromEnvironment.isBlank()) {
        builder.bearerTokenFile(Path.of(fromEnvironment.strip()));
      }
    } else {
      Optional<OpaSettings.Builder> fromEnvironment = OpaSettings.fromEnvironment(environment);
      if (fromEnvironment.isEmpty()) {
        if (tokenFile != null || timeout != null || caFile != null) {
          throw new IllegalArgumentException("--opa-token-file, --opa-timeout and --opa-ca-file need --opa-url "
              + "(or " + OpaSettings.URL_VARIABLE + ")");
        }
        return Optional.empty();
      }
      builder = fromEnvironment.get();
    }
    if (tokenFile != null) {
      builder.bearerTokenFile(tokenFile);
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
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

    @Override
    public Duration convert(String text) {
      String value = text.strip().toLowerCase(Locale.ROOT);
      Matcher simple = SIMPLE.matcher(value);
      Duration duration;
      if (simple.matches()) {
        double amount = Double.parseDouble(simple.group(1));
        double millis = switch (simple.group(2)) {
          case "ms" -> amount;
          case "s" -> amount * 1_000;
          default -> amount * 60_000;
        };
        duration = Duration.ofNanos(Math.round(millis * 1_000_000));
      } else {
        try {
          duration = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
          throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 200ms, 1s or PT0.2S");
        }
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new TypeConversionException("'" + text + "' is not a positive duration");
      }
      return duration;
    }
  }
}
