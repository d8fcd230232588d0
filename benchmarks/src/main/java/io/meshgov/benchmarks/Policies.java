package io.meshgov.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the policy bundle the benchmarks decide against. */
final class Policies {
  /** The system property naming the bundle directory. */
  static final String PROPERTY = "meshgov.policies";

  private Policies() {}

  /**
   * The directory named by {@code -Dmeshgov.policies}, else the shipped bundle seen from {@code
   * benchmarks/} ({@code ../policies}) or from the repository root ({@code policies}). JMH forks
   * inherit the launching JVM's {@code -D} options and working directory, so either works.
   */
  static Path directory() {
    String configured = System.getProperty(PROPERTY);
    List<Path> candidates = configured != null
        ? List.of(Path.of(configured))
        : List.of(Path.of("../policies"), Path.of("policies"));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve("bundle.yaml"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("no policy bundle (a directory with bundle.yaml) at " + candidates
        + " from " + Path.of("").toAbsolutePath() + "; pass -D" + PROPERTY + "=DIR");
  }
}
