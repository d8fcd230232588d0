package io.meshgov.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test bundles kept as overlays on one base bundle, so that a case holds only what makes it a case.
 *
 * <p>Under a fixture root, {@code _base/bundle/} is a whole bundle, and each case {@code <case>/}
 * holds at most:
 * <ul>
 *   <li>{@code overlay/}: files laid over the base at the same path, replacing a base file or adding
 *       a new one; each must differ from the base file it replaces;
 *   <li>{@code deleted.txt}: paths of base files the case removes, relative to the bundle and
 *       written with {@code /}, one a line; blank lines and lines starting with {@code #} are
 *       skipped.
 * </ul>
 * Anything else in a case directory ({@code expected.txt}, a {@code README.md}) belongs to the test
 * that reads the cases, not to the bundle. {@link #materialize} writes the base, less the deleted
 * files, plus the overlay into a directory of the test's own, which the test may then change
 * further (write generated files, create links) without touching the resources.
 */
public final class BundleFixtures {
  /** The case whose bundle every other case starts from. */
  public static final String BASE = "_base";

  private final Path root;

  /** Cases under {@code root}, which holds {@code _base/bundle/}. */
  public BundleFixtures(Path root) {
    if (!Files.isDirectory(root.resolve(BASE).resolve("bundle"))) {
      throw new IllegalArgumentException("no " + BASE + "/bundle/ under " + root);
    }
    this.root = root;
  }

  /** The directory that holds the base and one directory per case. */
  public Path root() {
    return root;
  }

  /** The base bundle, {@code _base/bundle/}: a whole bundle, to read but not to change. */
  public Path base() {
    return root.resolve(BASE).resolve("bundle");
  }

  /** Whether case {@code name} has an {@code overlay/} or a {@code deleted.txt}: otherwise it is the base. */
  public boolean changesBase(String name) {
    Path dir = caseDir(name);
    return Files.isDirectory(dir.resolve("overlay")) || Files.isRegularFile(dir.resolve("deleted.txt"));
  }

  /**
   * Writes the bundle of case {@code name} into {@code target}, which must not exist or be an empty
   * directory: the base, less the files {@code deleted.txt} lists, with {@code overlay/} laid over
   * it. {@link #BASE} names the base itself. Returns {@code target}.
   */
  public Path materialize(String name, Path target) {
    Path dir = caseDir(name);
    Path overlay = dir.resolve("overlay");
    try {
      List<String> deleted = deleted(dir);
      for (String path : deleted) {
        if (!Files.isRegularFile(base().resolve(path), LinkOption.NOFOLLOW_LINKS)) {
          throw new IllegalStateException(dir.resolve("deleted.txt") + " names " + path + ", which "
              + BASE + "/bundle/ does not have");
        }
      }
      if (Files.isDirectory(overlay)) {
        try (Stream<Path> walk = Files.walk(overlay)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            Path baseFile = base().resolve(overlay.relativize(file).toString());
            if (Files.isRegularFile(baseFile) && Files.mismatch(baseFile, file) == -1) {
              throw new IllegalStateException(file + " is the same as the base's: remove it from the overlay");
            }
          }
        }
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> entries = Files.list(target)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(target + " is not empty");
          }
        }
      }
      copyTree(base(), target);
      for (String path : deleted) {
        Files.delete(target.resolve(path));
      }
      if (Files.isDirectory(overlay)) {
        copyTree(overlay, target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path caseDir(String name) {
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no case " + name + " under " + root);
    }
    return dir;
  }

  private static List<String> deleted(Path dir) throws IOException {
    Path list = dir.resolve("deleted.txt");
    if (!Files.isRegularFile(list)) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    for (String line : Files.readAllLines(list, UTF_8)) {
      String path = line.strip();
      if (path.isEmpty() || path.startsWith("#")) {
        continue;
      }
      if (path.startsWith("/") || Arrays.asList(path.split("/")).contains("..")) {
        throw new IllegalStateException(list + ": " + path + " is not a path inside the bundle");
      }
      paths.add(path);
    }
    return paths;
  }

  /** Copies the files under {@code source} to the same paths under {@code target}, replacing files there. */
  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.toList()) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
