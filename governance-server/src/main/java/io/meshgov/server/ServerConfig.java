package io.meshgov.server;

import io.meshgov.server.trino.TrinoSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The decision server's settings (docs/server.md, "Configuration"). {@link #resolve} reads them from
 * the command line, the environment and a config file, in that order of precedence, over the
 * defaults; {@link #builder} makes them in code.
 *
 * @param policies the policy bundle directory
 * @param subjects the subjects file, or null: every Trino user is then a subject with Trino's groups only
 * @param audit the JSON Lines audit file, or null: decisions are not recorded
 * @param bind the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted
 * @param requestTimeout how long one request may take, and how long a connection may stay idle
 * @param shutdownTimeout how long closing waits for requests in flight
 * @param trino how Trino's routes answer
 */
public record ServerConfig(
    Path policies,
    @Nullable Path subjects,
    @Nullable Path audit,
    String bind,
    int port,
    long maxRequestBytes,
    Duration requestTimeout,
    Duration shutdownTimeout,
    TrinoSettings trino) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8181;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
  /** A body is read whole into memory before it is parsed: no setting may ask for more than this. */
  public static final long LARGEST_MAX_REQUEST_BYTES = 256L * 1024 * 1024;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** The flag that names the config file; it is not a setting, so a config file cannot name another. */
  public static final String CONFIG_FLAG = "--config";

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

  public ServerConfig {
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(trino, "trino");
    if (bind.isBlank()) {
      throw new IllegalArgumentException("bind must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535");
    }
    if (maxRequestBytes < 1 || maxRequestBytes > LARGEST_MAX_REQUEST_BYTES) {
      throw new IllegalArgumentException("maxRequestBytes must be from 1 to " + LARGEST_MAX_REQUEST_BYTES);
    }
    if (!isPositive(requestTimeout) || !isPositive(shutdownTimeout)) {
      throw new IllegalArgumentException("requestTimeout and shutdownTimeout must be positive");
    }
  }

  /** Settings with every default, serving {@code policies}. */
  public static Builder builder(Path policies) {
    return new Builder(policies);
  }

  /**
   * The settings from the three sources: a flag wins over its environment variable, which wins over
   * the config file, which wins over the default.
   *
   * @param flags the command line's values, by setting
   * @param configFile the file given with {@code --config}, or null
   * @param environment the environment, e.g. {@code System.getenv()}
   * @throws ServerConfigException with every problem: unknown keys of the file (with their
   *     positions), values that are not what their setting takes, a missing bundle directory
   */
  public static ServerConfig resolve(Map<ServerSetting, String> flags, @Nullable Path configFile,
      Map<String, String> environment) {
    Map<ServerSetting, ConfigFile.Value> file = configFile == null ? Map.of() : ConfigFile.read(configFile);
    Map<ServerSetting, ConfigFile.Value> chosen = new EnumMap<>(ServerSetting.class);
    for (ServerSetting setting : ServerSetting.values()) {
      String flag = flags.get(setting);
      String variable = environment.get(setting.environmentVariable());
      if (flag != null) {
        chosen.put(setting, new ConfigFile.Value(flag, setting.flag()));
      } else if (variable != null && !variable.isEmpty()) {
        chosen.put(setting, new ConfigFile.Value(variable, setting.environmentVariable()));
      } else if (file.containsKey(setting)) {
        chosen.put(setting, file.get(setting));
      }
    }
    return new Parser(chosen, configFile).parse();
  }

  private static boolean isPositive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  /** Turns the chosen texts into a config, collecting every problem before failing. */
  private static final class Parser {
    private final Map<ServerSetting, ConfigFile.Value> values;
    private final @Nullable Path configFile;
    private final List<String> problems = new ArrayList<>();

    Parser(Map<ServerSetting, ConfigFile.Value> values, @Nullable Path configFile) {
      this.values = values;
      this.configFile = configFile;
    }

    ServerConfig parse() {
      Path policies = path(ServerSetting.POLICIES);
      if (policies == null && !values.containsKey(ServerSetting.POLICIES)) {
        problems.add("no policy bundle: give " + ServerSetting.POLICIES.flag() + " DIR, "
            + ServerSetting.POLICIES.environmentVariable() + " or 'policies:' in the config file");
      }
      TrinoSettings defaults = TrinoSettings.DEFAULTS;
      Builder builder = new Builder(policies == null ? Path.of(".") : policies)
          .subjects(path(ServerSetting.SUBJECTS))
          .audit(path(ServerSetting.AUDIT))
          .bind(text(ServerSetting.BIND, DEFAULT_BIND))
          .port((int) number(ServerSetting.PORT, DEFAULT_PORT, 0, 65_535))
          .maxRequestBytes(number(ServerSetting.MAX_REQUEST_BYTES, DEFAULT_MAX_REQUEST_BYTES, 1, LARGEST_MAX_REQUEST_BYTES))
          .requestTimeout(duration(ServerSetting.REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT))
          .shutdownTimeout(duration(ServerSetting.SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT))
          .trino(new TrinoSettings(
              text(ServerSetting.TRINO_FILTER_IDENTITY, defaults.filterIdentity()),
              text(ServerSetting.TRINO_DEFAULT_PURPOSE, defaults.defaultPurpose()),
              bool(ServerSetting.TRINO_ALLOW_WRITES, defaults.allowWrites()),
              names(ServerSetting.TRINO_WRITERS),
              bool(ServerSetting.TRINO_ALLOW_UNBOUND_TABLES, defaults.allowUnboundTables()),
              duration(ServerSetting.TRINO_DECISION_TTL, defaults.decisionTtl()),
              number(ServerSetting.TRINO_CACHE_SIZE, defaults.maxCachedDecisions(), 1, Long.MAX_VALUE)));
      if (!problems.isEmpty()) {
        throw new ServerConfigException(problems);
      }
      return builder.build();
    }

    private @Nullable Path path(ServerSetting setting) {
      ConfigFile.Value value = values.get(setting);
      if (value == null) {
        return null;
      }
      if (value.text().isBlank()) {
        problems.add(value.where() + ": " + setting.key() + ": expected a path");
        return null;
      }
      Path path = Path.of(value.text());
      // a path in the config file means the same wherever the server is started from
      boolean fromFile = configFile != null && value.where().startsWith(configFile + ":");
      if (fromFile && !path.isAbsolute() && configFile.toAbsolutePath().getParent() != null) {
        return configFile.toAbsolutePath().getParent().resolve(path);
      }
      return path;
    }

    private String text(ServerSetting setting, String fallback) {
      ConfigFile.Value value = values.get(setting);
      if (value == null) {
        return fallback;
      }
      if (value.text().isBlank()) {
        problems.add(value.where() + ": " + setting.key() + ": must not be empty");
        return fallback;
      }
      return value.text().strip();
    }

    /** A comma-separated list of names (users), blanks around each dropped; absent: none. */
    private java.util.Set<String> names(ServerSetting setting) {
      ConfigFile.Value value = values.get(setting);
      if (value == null) {
        return java.util.Set.of();
      }
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      for (String name : value.text().split(",")) {
        if (!name.isBlank()) {
          names.add(name.strip());
        }
      }
      return names;
    }

    private long number(ServerSetting setting, long fallback, long min, long max) {
      ConfigFile.Value value = values.get(setting);
      if (value == null) {
        return fallback;
      }
      try {
        long number = Long.parseLong(value.text().strip());
        if (number >= min && number <= max) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below, as a value out of range is
      }
      problems.add(value.where() + ": " + setting.key() + ": '" + value.text() + "' is not a whole number"
          + (max == Long.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max));
      return fallback;
    }

    private boolean bool(ServerSetting setting, boolean fallback) {
      ConfigFile.Value value = values.get(setting);
      if (value == null) {
        return fallback;
      }
      String text = value.text().strip().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.parseBoolean(text);
      }
      problems.add(value.where() + ": " + setting.key() + ": '" + value.text() + "' is not true or false");
      return fallback;
    }

    private Duration duration(ServerSetting setting, Duration fallback) {
      ConfigFile.Value value = values.get(setting);
      if (value == null) {
        return fallback;
      }
      Duration duration = parseDuration(value.text());
      if (duration == null || !isPositive(duration)) {
        problems.add(value.where() + ": " + setting.key() + ": '" + value.text()
            + "' is not a positive duration; write e.g. 200ms, 10s, 1.5m or PT10S");
        return fallback;
      }
      return duration;
    }
  }

  /**
   * The one duration syntax of meshgov's settings, on the command line ({@code --opa-timeout},
   * {@code serve}'s flags) and in the config file: {@code 200ms}, {@code 10s}, {@code 1.5m}, or
   * ISO-8601 ({@code PT10S}); null if neither.
   */
  public static @Nullable Duration parseDuration(String text) {
    Matcher simple = SIMPLE_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (simple.matches()) {
      double amount = Double.parseDouble(simple.group(1));
      double millis = switch (simple.group(2)) {
        case "ms" -> amount;
        case "s" -> amount * 1_000;
        default -> amount * 60_000;
      };
      return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Builds a config in code; every setting but the bundle directory has its default. */
  public static final class Builder {
    private Path policies;
    private @Nullable Path subjects;
    private @Nullable Path audit;
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private TrinoSettings trino = TrinoSettings.DEFAULTS;

    private Builder(Path policies) {
      this.policies = Objects.requireNonNull(policies, "policies");
    }

    public Builder subjects(@Nullable Path subjects) {
      this.subjects = subjects;
      return this;
    }

    public Builder audit(@Nullable Path audit) {
      this.audit = audit;
      return this;
    }

    public Builder bind(String bind) {
      this.bind = bind;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder maxRequestBytes(long maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    public Builder trino(TrinoSettings trino) {
      this.trino = trino;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(policies, subjects, audit, bind, port, maxRequestBytes, requestTimeout,
          shutdownTimeout, trino);
    }
  }
}
