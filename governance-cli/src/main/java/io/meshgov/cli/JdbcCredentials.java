package io.meshgov.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The database user and password of {@code retention apply}: the password from a file (a mounted
 * secret) or the environment, never from the command line, where every user of the machine could
 * read it. {@link #redact} keeps it out of anything the command prints.
 */
final class JdbcCredentials {
  static final String PASSWORD_VARIABLE = "MESHGOV_JDBC_PASSWORD";

  private final @Nullable String user;
  private final @Nullable String password;

  private JdbcCredentials(@Nullable String user, @Nullable String password) {
    this.user = user;
    this.password = password;
  }

  /**
   * The password file's content without its trailing line break, else the environment variable's value.
   *
   * @throws IllegalArgumentException if the file cannot be read; the message names the file, never its content
   */
  static JdbcCredentials of(@Nullable String user, @Nullable Path passwordFile, Map<String, String> environment) {
    if (passwordFile == null) {
      return new JdbcCredentials(user, environment.get(PASSWORD_VARIABLE));
    }
    try {
      String content = Files.readString(passwordFile);
      return new JdbcCredentials(user, content.replaceAll("[\\r\\n]+$", ""));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --password-file " + passwordFile + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** The driver's connection properties; a URL's own user and password count when these are absent. */
  Properties properties() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  /** {@code text} with every occurrence of the password replaced, for messages from the driver or the database. */
  String redact(@Nullable String text) {
    if (text == null) {
      return "";
    }
    return password == null || password.isEmpty() ? text : text.replace(password, "****");
  }
}
