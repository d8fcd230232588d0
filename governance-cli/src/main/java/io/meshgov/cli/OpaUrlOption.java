package io.meshgov.cli;

import io.meshgov.api.OpaSettings;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --opa-url}, falling back to {@code $MESHGOV_OPA_URL}: all that {@code validate} (to know
 * whether OPA-backed sets will be reachable) and {@code opa-input} (to print the URL it would call)
 * need. The commands that call OPA take it with the rest of {@link OpaConnectionOptions}.
 */
final class OpaUrlOption {
  @Option(names = "--opa-url", paramLabel = "URL",
      description = "Base URL of the OPA server that evaluates OPA-backed policy sets, e.g. "
          + "http://127.0.0.1:8181 (default: $MESHGOV_OPA_URL).")
  @Nullable String url;

  /**
   * Settings naming the URL and nothing else, or empty when neither the flag nor the environment
   * names one. A flag wins over the variable.
   *
   * @throws IllegalArgumentException if the URL is not an http or https URL
   */
  Optional<OpaSettings.Builder> builder(Map<String, String> environment) {
    if (url != null) {
      return Optional.of(OpaSettings.builder(OpaSettings.parseUrl(url, "--opa-url")));
    }
    String fromEnvironment = environment.get(OpaSettings.URL_VARIABLE);
    if (fromEnvironment == null || fromEnvironment.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(OpaSettings.builder(OpaSettings.parseUrl(fromEnvironment.strip(), OpaSettings.URL_VARIABLE)));
  }

  /** {@link #builder} built: the settings of a command that never calls OPA. */
  Optional<OpaSettings> settings(Map<String, String> environment) {
    return builder(environment).map(OpaSettings.Builder::build);
  }
}
