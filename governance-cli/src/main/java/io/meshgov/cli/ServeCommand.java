package io.meshgov.cli;

import io.meshgov.server.MeshgovServer;
import io.meshgov.server.ServerConfig;
import io.meshgov.server.ServerConfigException;
import io.meshgov.server.ServerSetting;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the decision server (docs/server.md) until SIGTERM or Ctrl-C. Every option is
 * text handed to {@link ServerConfig#resolve}, which reads flags, the environment and the config
 * file with one set of rules and messages; so {@code --policies} is not the BundleOption mixin
 * here, and not required: the environment or the config file may name the bundle.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Serve decisions over HTTP: /v1/decide, /v1/sql, Trino's access-control routes under /trino/, "
        + "/health and /metrics; reload the bundle and the subjects file when they change.",
        "Each option may instead be set by its MESHGOV_ environment variable or in the --config file "
            + "(docs/server.md). Prints 'meshgov serving <digest> on <url>' once ready; stops on SIGTERM or Ctrl-C.",
        "Exit 0 after a graceful stop; 2 for a bad setting, bundle or subjects file."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--policies", paramLabel = "DIR", description = "The policy bundle directory.")
  @Nullable String policies;

  @Option(names = "--config", paramLabel = "FILE", description = "A YAML file of settings (docs/server.md).")
  @Nullable Path config;

  @Option(names = "--bind", paramLabel = "ADDR", description = "The address to listen on (default: 127.0.0.1).")
  @Nullable String bind;

  @Option(names = "--port", paramLabel = "N", description = "The port to listen on; 0 picks a free one (default: 8181).")
  @Nullable String port;

  @Option(names = "--subjects", paramLabel = "FILE", description = "The subjects file Trino users are read from.")
  @Nullable String subjects;

  @Option(names = "--audit", paramLabel = "FILE", description = "Append one audit record per decision (JSON Lines).")
  @Nullable String audit;

  @Option(names = "--max-request-bytes", paramLabel = "N",
      description = "The largest request body accepted (default: 1048576).")
  @Nullable String maxRequestBytes;

  @Option(names = "--request-timeout", paramLabel = "DURATION",
      description = "How long one request may take (default: 10s).")
  @Nullable String requestTimeout;

  @Option(names = "--shutdown-timeout", paramLabel = "DURATION",
      description = "How long stopping waits for requests in flight (default: 10s).")
  @Nullable String shutdownTimeout;

  @Option(names = "--trino-filter-identity", paramLabel = "USER",
      description = "The user Trino runs row filters as (default: meshgov-filter).")
  @Nullable String trinoFilterIdentity;

  @Option(names = "--trino-default-purpose", paramLabel = "PURPOSE",
      description = "The purpose of a Trino user the subjects file gives none (default: analytics).")
  @Nullable String trinoDefaultPurpose;

  @Option(names = "--trino-allow-writes", paramLabel = "BOOL",
      description = "Allow Trino writes, DDL and grants (default: false).")
  @Nullable String trinoAllowWrites;

  @Option(names = "--trino-writers", paramLabel = "USERS",
      description = "Trino users allowed writes and DDL, comma-separated: the loaders of the tables (default: none).")
  @Nullable String trinoWriters;

  @Option(names = "--trino-allow-unbound-tables", paramLabel = "BOOL",
      description = "Allow Trino tables bound to no data product (default: false).")
  @Nullable String trinoAllowUnboundTables;

  @Option(names = "--trino-decision-ttl", paramLabel = "DURATION",
      description = "How long one decision serves a user's Trino calls on a table (default: 5s).")
  @Nullable String trinoDecisionTtl;

  @Option(names = "--trino-cache-size", paramLabel = "N",
      description = "How many Trino decisions are cached at most (default: 10000).")
  @Nullable String trinoCacheSize;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerConfig serverConfig;
    try {
      serverConfig = ServerConfig.resolve(flags(), config, System.getenv());
    } catch (ServerConfigException e) {
      for (String problem : e.problems()) {
        err.println("error: " + problem);
      }
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    MeshgovServer server;
    try {
      server = MeshgovServer.start(serverConfig);
    } catch (IllegalStateException | UncheckedIOException e) {
      // the address is taken, the audit file cannot be opened, the bundle cannot be watched: a setting, not a bug
      err.println("error: " + e.getMessage());
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM and Ctrl-C run the hooks: stop taking requests, finish those in flight, close the audit file
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "meshgov-shutdown"));
    out.println("meshgov serving " + server.bundle().digest() + " on " + server.url());
    out.flush();
    stopped.await();
    return GovernanceCli.OK;
  }

  private Map<ServerSetting, String> flags() {
    Map<ServerSetting, String> flags = new EnumMap<>(ServerSetting.class);
    put(flags, ServerSetting.POLICIES, policies);
    put(flags, ServerSetting.BIND, bind);
    put(flags, ServerSetting.PORT, port);
    put(flags, ServerSetting.SUBJECTS, subjects);
    put(flags, ServerSetting.AUDIT, audit);
    put(flags, ServerSetting.MAX_REQUEST_BYTES, maxRequestBytes);
    put(flags, ServerSetting.REQUEST_TIMEOUT, requestTimeout);
    put(flags, ServerSetting.SHUTDOWN_TIMEOUT, shutdownTimeout);
    put(flags, ServerSetting.TRINO_FILTER_IDENTITY, trinoFilterIdentity);
    put(flags, ServerSetting.TRINO_DEFAULT_PURPOSE, trinoDefaultPurpose);
    put(flags, ServerSetting.TRINO_ALLOW_WRITES, trinoAllowWrites);
    put(flags, ServerSetting.TRINO_WRITERS, trinoWriters);
    put(flags, ServerSetting.TRINO_ALLOW_UNBOUND_TABLES, trinoAllowUnboundTables);
    put(flags, ServerSetting.TRINO_DECISION_TTL, trinoDecisionTtl);
    put(flags, ServerSetting.TRINO_CACHE_SIZE, trinoCacheSize);
    return flags;
  }

  private static void put(Map<ServerSetting, String> flags, ServerSetting setting, @Nullable String value) {
    if (value != null) {
      flags.put(setting, value);
    }
  }
}
