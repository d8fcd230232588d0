package io.meshgov.sql.it.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The Trino of one test run, started at most once: running, skipped because this machine has no
 * JDK that can run it, or failed to start. Skipping is never silent: it prints a line on stderr,
 * and {@link TrinoExtension} reports every test that needs Trino as skipped with the reason. A
 * failure to start fails every such test with the same cause, without trying again.
 */
final class TrinoRun implements AutoCloseable {
  /** Set by governance-sql-it's pom: the unpacked trino-server, and a scratch directory for it. */
  static final String HOME_PROPERTY = "meshgov.trino.home";
  static final String WORK_PROPERTY = "meshgov.trino.work";

  private final TrinoServer server;
  private final String skipReason;
  private final RuntimeException startupFailure;

  private TrinoRun(TrinoServer server, String skipReason, RuntimeException startupFailure) {
    this.server = server;
    this.skipReason = skipReason;
    this.startupFailure = startupFailure;
  }

  /** Starts Trino as the build set it up, on the JDK that {@link JdkLocator} finds. */
  static TrinoRun startAsBuildConfigured() {
    try {
      return start(
          JdkLocator.locateFromEnvironment(),
          Path.of(requiredProperty(HOME_PROPERTY)),
          Path.of(requiredProperty(WORK_PROPERTY)));
    } catch (RuntimeException e) {
      return new TrinoRun(null, null, e);
    }
  }

  /**
   * Starts Trino from {@code trinoHome} on {@code javaHome}; without a JDK it does not start, and
   * the run is skipped.
   */
  static TrinoRun start(Optional<Path> javaHome, Path trinoHome, Path workDirectory) {
    if (javaHome.isEmpty()) {
      String reason =
          "Trino tests SKIPPED: Trino needs Java " + JdkLocator.MINIMUM_FEATURE_VERSION
              + " or newer and this machine has none. Set " + JdkLocator.OVERRIDE_NAME
              + " to such a JDK, or install one under " + JdkLocator.DEFAULT_JVM_ROOT
              + " (e.g. Temurin 25).";
      System.err.println("*** " + reason + " ***");
      return new TrinoRun(null, reason, null);
    }
    try {
      TrinoServer server = TrinoServer.start(trinoHome, javaHome.get(), workDirectory);
      System.err.printf(
          Locale.ROOT,
          "Trino from %s started on %s in %.1f s: %s (log: %s)%n",
          trinoHome.getFileName(),
          javaHome.get(),
          server.startupTime().toMillis() / 1000.0,
          server.jdbcUrl(),
          server.log());
      return new TrinoRun(server, null, null);
    } catch (IOException e) {
      return new TrinoRun(null, null, new UncheckedIOException("cannot start Trino", e));
    } catch (RuntimeException e) {
      return new TrinoRun(null, null, e);
    }
  }

  /** Why the Trino tests are skipped, if they are. */
  Optional<String> skipReason() {
    return Optional.ofNullable(skipReason);
  }

  /**
   * Returns normally if Trino runs.
   *
   * @throws org.opentest4j.TestAbortedException if the run is skipped
   * @throws IllegalStateException if Trino failed to start
   */
  void requireAvailable() {
    Assumptions.assumeTrue(skipReason == null, skipReason);
    if (startupFailure != null) {
      throw new IllegalStateException("Trino failed to start: " + startupFailure.getMessage(), startupFailure);
    }
  }

  /** The server; call {@link #requireAvailable} first. */
  TrinoServer server() {
    requireAvailable();
    return server;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run the Trino tests through Maven"
              + " (mvn -pl governance-sql-it -am verify), which unpacks Trino and sets it");
    }
    return value;
  }
}
