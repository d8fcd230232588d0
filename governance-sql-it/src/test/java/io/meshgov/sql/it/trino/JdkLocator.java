package io.meshgov.sql.it.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run Trino. The build itself runs on Java 17, but Trino 476 refuses anything
 * older than Java 24, so the server gets a JDK of its own: the one named by {@value
 * #OVERRIDE_NAME} (a system property, else an environment variable), else the newest one under
 * {@code /usr/lib/jvm} whose {@code release} file says Java 24 or newer.
 */
final class JdkLocator {
  static final int MINIMUM_FEATURE_VERSION = 24;
  static final String OVERRIDE_NAME = "MESHGOV_TRINO_JAVA_HOME";
  static final Path DEFAULT_JVM_ROOT = Path.of("/usr/lib/jvm");

  // JAVA_VERSION="25.0.3" or, before Java 9, JAVA_VERSION="1.8.0_392"
  private static final Pattern JAVA_VERSION_LINE =
      Pattern.compile("^JAVA_VERSION=\"?(?:1\\.)?(\\d+)", Pattern.MULTILINE);

  private JdkLocator() {}

  /** The JDK for Trino on this machine, as {@link #locate} finds it from the real settings. */
  static Optional<Path> locateFromEnvironment() {
    String override = System.getProperty(OVERRIDE_NAME, System.getenv(OVERRIDE_NAME));
    return locate(
        Optional.ofNullable(override).filter(value -> !value.isBlank()).map(Path::of),
        DEFAULT_JVM_ROOT);
  }

  /**
   * The JDK for Trino: {@code override} if present, else the newest JDK of at least {@value
   * #MINIMUM_FEATURE_VERSION} directly under {@code jvmRoot}; empty if there is none.
   *
   * @throws IllegalStateException if {@code override} is not such a JDK: whoever set it asked for
   *     that JDK, and skipping the Trino tests would hide the mistake
   */
  static Optional<Path> locate(Optional<Path> override, Path jvmRoot) {
    if (override.isPresent()) {
      Path javaHome = override.get();
      OptionalInt version = featureVersion(javaHome);
      if (version.isEmpty()) {
        throw new IllegalStateException(
            OVERRIDE_NAME + "=" + javaHome + " is not a JDK: it needs bin/java and a release file"
                + " with JAVA_VERSION");
      }
      if (version.getAsInt() < MINIMUM_FEATURE_VERSION) {
        throw new IllegalStateException(
            OVERRIDE_NAME + "=" + javaHome + " is Java " + version.getAsInt() + ", but Trino needs Java "
                + MINIMUM_FEATURE_VERSION + " or newer");
      }
      return override;
    }
    if (!Files.isDirectory(jvmRoot)) {
      return Optional.empty();
    }
    List<Path> candidates;
    try (Stream<Path> children = Files.list(jvmRoot)) {
      candidates = children.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jvmRoot, e);
    }
    // newest first; among equal versions the name decides, so the choice never depends on the
    // order the file system lists directories in
    return candidates.stream()
        .filter(home -> featureVersion(home).orElse(0) >= MINIMUM_FEATURE_VERSION)
        .max(Comparator.comparingInt((Path home) -> featureVersion(home).getAsInt())
            .thenComparing(home -> home.getFileName().toString()));
  }

  /**
   * The feature version ({@code 25} for {@code 25.0.3}, {@code 8} for {@code 1.8.0_392}) of the
   * JDK at {@code javaHome}, from its {@code release} file; empty if it has no executable {@code
   * bin/java} or no readable version.
   */
  static OptionalInt featureVersion(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (!Files.isExecutable(javaHome.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
      return OptionalInt.empty();
    }
    String text;
    try {
      text = Files.readString(release, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    Matcher matcher = JAVA_VERSION_LINE.matcher(text);
    return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
  }
}
