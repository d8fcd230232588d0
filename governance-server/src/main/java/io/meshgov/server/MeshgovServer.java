package io.meshgov.server;

import io.meshgov.api.AuditSink;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.GovernanceException;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.JsonLinesAuditSink;
import io.meshgov.server.trino.SubjectResolver;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision server (docs/server.md): decisions and SQL over HTTP, the routes Trino's OPA
 * access-control plugin calls, health and metrics; it reloads the bundle and the subjects file when
 * they change. {@link #close()} stops taking requests, lets those in flight finish (up to the
 * shutdown timeout) and closes the engine and its audit sink.
 */
public final class MeshgovServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MeshgovServer.class);

  private final Server jetty;
  private final ServerConnector connector;
  private final GovernanceEngine engine;
  private final BundleWatcher watcher;
  private final ScheduledExecutorService deadlines;
  private final AtomicBoolean closing;
  private final ServerConfig config;

  private MeshgovServer(Server jetty, ServerConnector connector, GovernanceEngine engine, BundleWatcher watcher,
      ScheduledExecutorService deadlines, AtomicBoolean closing, ServerConfig config) {
    this.jetty = jetty;
    this.connector = connector;
    this.engine = engine;
    this.watcher = watcher;
    this.deadlines = deadlines;
    this.closing = closing;
    this.config = config;
  }

  /**
   * Starts a server with the Trino routes of {@link io.meshgov.server.trino.TrinoAccessControl},
   * reading the subjects file, if one is configured, as a {@link
   * io.meshgov.engine.subjects.SubjectDirectory}.
   *
   * @throws io.meshgov.api.BundleRejectedException if the bundle has errors: a server never starts
   *     without a bundle to serve
   */
  public static MeshgovServer start(ServerConfig config) {
    return start(config, DirectorySubjects.SOURCE, TrinoAnswers.Factory.ACCESS_CONTROL, InstantSource.system());
  }

  /**
   * Starts a server that reads the subjects file with {@code subjectsSource} and answers Trino with
   * what {@code trino} builds.
   *
   * @throws io.meshgov.api.BundleRejectedException if the bundle has errors
   * @throws GovernanceException if the subjects file is rejected
   * @throws io.meshgov.api.AuditException if the audit file cannot be opened
   * @throws java.io.UncheckedIOException if the bundle directory cannot be watched
   * @throws IllegalStateException if the server cannot listen on the address and port
   */
  public static MeshgovServer start(ServerConfig config, SubjectsSource subjectsSource, TrinoAnswers.Factory trino) {
    return start(config, subjectsSource, trino, InstantSource.system());
  }

  /**
   * As {@link #start(ServerConfig, SubjectsSource, TrinoAnswers.Factory)}, deciding at the time
   * {@code clock} tells: a fixed clock makes every decision of a test reproducible.
   */
  public static MeshgovServer start(ServerConfig config, SubjectsSource subjectsSource, TrinoAnswers.Factory trino,
      InstantSource clock) {
    AuditSink audit = config.audit() == null ? AuditSink.discarding() : JsonLinesAuditSink.open(config.audit());
    GovernanceEngine engine;
    try {
      engine = GovernanceEngine.builder().bundle(config.policies()).auditSink(audit).clock(clock).build();
    } catch (RuntimeException e) {
      closeQuietly(audit);
      throw e;
    }
    BundleWatcher watcher = null;
    ScheduledExecutorService deadlines = null;
    try {
      SubjectResolver initialSubjects = config.subjects() == null
          ? NoSubjects.INSTANCE
          : subjectsSource.load(config.subjects(), engine.vocabulary());
      CurrentSubjects subjects = new CurrentSubjects(initialSubjects);
      ServerMetrics metrics = new ServerMetrics();
      CountedDecisions decisions = new CountedDecisions(engine, metrics);
      TrinoAnswers answers = trino.create(engine, request -> decisions.decide("trino", request), subjects,
          config.trino(), clock);
      metrics.watchBundle(engine::bundle);
      metrics.watchTrinoCache(answers::cacheStats, answers::cachedDecisions);

      ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
      Reloader reloader = new Reloader(engine, config.subjects(), subjectsSource, subjects, answers, metrics, clock,
          lock.writeLock(), new Reloader.Outcome(clock.instant(), "startup", true, engine.warnings()));
      AtomicBoolean closing = new AtomicBoolean();
      Map<String, ServerHandler.Route> routes = Map.of(
          "/v1/decide", new ServerHandler.Route("POST", new DecideHandler(engine, decisions)),
          "/v1/sql", new ServerHandler.Route("POST", new SqlHandler(engine, decisions)),
          "/health", new ServerHandler.Route("GET", new HealthHandler(engine, subjects, reloader, closing::get)),
          "/metrics", new ServerHandler.Route("GET", new MetricsHandler(metrics)));
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "meshgov-deadlines");
        thread.setDaemon(true);
        return thread;
      });
      timer.setRemoveOnCancelPolicy(true);
      deadlines = timer;

      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost(config.bind());
      connector.setPort(config.port());
      // a client that stops sending or reading is cut off, so no connection holds a thread forever
      connector.setIdleTimeout(config.requestTimeout().toMillis());
      jetty.addConnector(connector);
      jetty.setHandler(new GracefulHandler(new ServerHandler(routes, new ServerHandler.Route("POST", new TrinoHandler(answers)),
          config.maxRequestBytes(), config.requestTimeout(), deadlines, lock.readLock(), metrics)));
      jetty.setStopTimeout(config.shutdownTimeout().toMillis());
      // the JVM's shutdown hook is the serve command's: Jetty must not stop itself on its own
      jetty.setStopAtShutdown(false);

      watcher = BundleWatcher.start(config.policies(), config.subjects(), reloader::bundleChanged,
          reloader::subjectsChanged);
      try {
        jetty.start();
      } catch (Exception e) {
        try {
          jetty.stop();
        } catch (Exception stop) {
          e.addSuppressed(stop);
        }
        throw new IllegalStateException("cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
      }
      MeshgovServer server = new MeshgovServer(jetty, connector, engine, watcher, deadlines, closing, config);
      LOG.info("meshgov serving {} on {}", engine.bundle().digest(), server.url());
      return server;
    } catch (RuntimeException e) {
      if (watcher != null) {
        watcher.close();
      }
      if (deadlines != null) {
        deadlines.shutdownNow();
      }
      engine.close();
      throw e;
    }
  }

  /** The port the server listens on: the configured one, or the one picked for port 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://ADDR:PORT}, the address clients use (an IPv6 address in brackets). */
  public String url() {
    String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    return "http://" + host + ":" + port();
  }

  /** The bundle decisions are made with now. */
  public BundleInfo bundle() {
    return engine.bundle();
  }

  /**
   * Stops accepting connections, waits for requests in flight up to the shutdown timeout, then
   * closes the engine and its audit sink. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    watcher.close();
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server", e);
    }
    deadlines.shutdownNow();
    engine.close();
    LOG.info("meshgov stopped");
  }

  private static void closeQuietly(@Nullable AuditSink audit) {
    try {
      if (audit != null) {
        audit.close();
      }
    } catch (Exception e) {
      LOG.debug("closing the audit sink", e);
    }
  }
}
