package io.meshgov.server;

import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the server, under the three names it has: its key in the config file, its
 * environment variable and its command-line flag. One list, so that the three sources, the
 * {@code serve} command and docs/server.md cannot drift apart.
 */
public enum ServerSetting {
  POLICIES("policies"),
  SUBJECTS("subjects"),
  AUDIT("audit"),
  BIND("bind"),
  PORT("port"),
  MAX_REQUEST_BYTES("max-request-bytes"),
  REQUEST_TIMEOUT("request-timeout"),
  SHUTDOWN_TIMEOUT("shutdown-timeout"),
  TRINO_FILTER_IDENTITY("trino.filter-identity"),
  TRINO_DEFAULT_PURPOSE("trino.default-purpose"),
  TRINO_ALLOW_WRITES("trino.allow-writes"),
  TRINO_WRITERS("trino.writers"),
  TRINO_ALLOW_UNBOUND_TABLES("trino.allow-unbound-tables"),
  TRINO_DECISION_TTL("trino.decision-ttl"),
  TRINO_CACHE_SIZE("trino.cache-size");

  private final String key;

  ServerSetting(String key) {
    this.key = key;
  }

  /** The key in the config file; {@code trino.x} is the key {@code x} of the {@code trino} section. */
  public String key() {
    return key;
  }

  /** {@code MESHGOV_} and the key in upper case, dots and dashes as underscores. */
  public String environmentVariable() {
    return "MESHGOV_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** {@code --} and the key, the dot of a section as a dash: {@code --trino-decision-ttl}. */
  public String flag() {
    return "--" + key.replace('.', '-');
  }

  public static Optional<ServerSetting> fromKey(String key) {
    for (ServerSetting setting : values()) {
      if (setting.key.equals(key)) {
        return Optional.of(setting);
      }
    }
    return Optional.empty();
  }
}
