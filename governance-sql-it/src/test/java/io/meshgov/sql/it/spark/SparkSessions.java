package io.meshgov.sql.it.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the one local Spark session of a test run and stops it: a session takes seconds to start,
 * so every test class shares it (see {@link SparkEngineExtension}).
 */
final class SparkSessions implements AutoCloseable {
  /**
   * The session time zone is deliberately not UTC (the JVM's zone on the project's machines):
   * every TIMESTAMP rendered or bound must mean the same instant whatever the session zone is, and
   * a test that passed only because the zone was UTC would hide a bug. Los Angeles has a negative
   * offset and daylight saving time.
   */
  static final String SESSION_TIME_ZONE = "America/Los_Angeles";

  private static final Logger log = LoggerFactory.getLogger(SparkSessions.class);

  private final SparkSession session;

  private SparkSessions(SparkSession session) {
    this.session = session;
  }

  /**
   * Starts a session in this JVM with two worker threads, on the loopback interface only, without
   * UI, with its (unused) warehouse under {@code workDirectory}, not in the working directory.
   */
  static SparkSessions start(Path workDirectory) {
    Objects.requireNonNull(workDirectory, "workDirectory");
    long started = System.nanoTime();
    SparkSession session =
        SparkSession.builder()
            .appName("meshgov-sql-it")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            // test tables hold a handful of rows: the default 200 shuffle partitions would only
            // schedule 200 empty tasks per aggregation or join
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.warehouse.dir", workDirectory.resolve("warehouse").toUri().toString())
            .config("spark.sql.session.timeZone", SESSION_TIME_ZONE)
            // DATE and TIMESTAMP come back as LocalDate and Instant (not java.sql.Date and
            // Timestamp, whose hybrid Julian calendar and JVM default zone would shift old values)
            .config("spark.sql.datetime.java8API.enabled", "true")
            // spark.sql.ansi.enabled stays at Spark 4's default, true, as on the clusters the
            // rendered SQL is for: a bad cast or an overflow fails instead of yielding null
            .getOrCreate();
    // logged so that a slow start on CI shows in the build log
    log.info(
        "Spark {} session started in {} ms",
        session.version(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return new SparkSessions(session);
  }

  SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    session.stop();
    log.info("Spark session stopped");
  }
}
