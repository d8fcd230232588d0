package io.meshgov.engine.internal.load;

import io.meshgov.api.LoadLimits;
import io.meshgov.engine.internal.load.RawDocuments.RawBundleMeta;
import io.meshgov.engine.internal.load.RawDocuments.RawPolicySet;
import io.meshgov.engine.internal.load.RawDocuments.RawProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawTestSuite;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stage 1: reads every file of a bundle directory. Hidden files and directories (names starting
 * with {@code .}) are skipped; every other file counts towards the digest; {@code .yaml}, {@code
 * .yml} and {@code .json} files are parsed, except under the top-level {@code opa/} directory,
 * which holds the Rego, tests and data of OPA-backed policy sets: OPA reads those, meshgov only
 * digests them, so a change to the Rego changes the bundle digest. Thread-safe: it holds only its
 * limits.
 */
public final class BundleLoader {
  /** Files under this top-level directory belong to OPA (docs/opa.md): digested, never parsed. */
  public static final String OPA_DIRECTORY = "opa/";
  private final LoadLimits limits;
  private final SourceReader sourceReader;

  public BundleLoader(LoadLimits limits) {
    this.limits = limits;
    this.sourceReader = new SourceReader(limits);
  }

  private static final List<String> BUNDLE_FILES = List.of("bundle.yaml", "bundle.yml", "bundle.json");

  private static boolean hasBundleFile(Path directory) {
    for (String name : BUNDLE_FILES) {
      if (Files.isRegularFile(directory.resolve(name))) {
        return true;
      }
    }
    return false;
  }

  /** A directory above or just below {@code root} that has a bundle file, as the likely bundle root. */
  private static String whereTheRootMayBe(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    for (Path parent = absolute.getParent(); parent != null; parent = parent.getParent()) {
      if (hasBundleFile(parent)) {
        return "did you mean the bundle at " + parent + "? Pass the directory holding bundle.yaml";
      }
    }
    try (java.util.stream.Stream<Path> children = Files.list(absolute)) {
      List<Path> bundles = children.filter(Files::isDirectory).filter(BundleLoader::hasBundleFile).sorted().toList();
      if (!bundles.isEmpty()) {
        return "did you mean the bundle at " + bundles.get(0) + "? Pass the directory holding bundle.yaml";
      }
    } catch (IOException e) {
      // the hint is a courtesy; the problem stands without it
    }
    return "add bundle.yaml with apiVersion: meshgov/v1, kind: Bundle and metadata: {name: …}, "
        + "or pass the directory that holds it";
  }

  public RawBundle load(Path root) {
    ProblemSink problems = new ProblemSink();
    if (!Files.isDirectory(root)) {
      problems.error("bundle-not-found", root.toString(), Position.UNKNOWN,
          "no bundle directory at " + root, "pass the directory holding bundle.yaml");
      return empty(root, problems);
    }
    List<Path> files;
    try {
      files = listFiles(root);
    } catch (IOException | java.io.UncheckedIOException e) {
      Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
      if (cause instanceof java.nio.file.FileSystemLoopException loop && loop.getFile() != null) {
        String link = relativeName(root, Path.of(loop.getFile()));
        problems.error("io-error", link, Position.FILE, "the bundle has a symbolic link loop: " + link
            + " leads back to a directory that contains it", "remove the link");
      } else {
        problems.error("io-error", ".", Position.FILE, "cannot list the bundle: " + cause.getMessage(),
            "check the directory's permissions");
      }
      return empty(root, problems);
    }
    if (!hasBundleFile(root)) {
      // without bundle.yaml this is not a bundle root: one problem that says so, not one per file
      problems.error("missing-bundle-file", "bundle.yaml", Position.FILE,
          "the directory has no bundle.yaml, so it is not the root of a bundle", whereTheRootMayBe(root));
      return empty(root, problems);
    }
    if (files.size() > limits.maxFiles()) {
      problems.error("limit-files", ".", Position.UNKNOWN,
          "the bundle has " + files.size() + " files, more than the limit of " + limits.maxFiles(),
          "remove files, or raise the limit (LoadLimits.maxFiles)");
      return empty(root, problems);
    }
    MessageDigest digest = sha256();
    Map<String, String> sources = new HashMap<>();
    List<RawBundleMeta> metas = new ArrayList<>();
    List<RawProduct> products = new ArrayList<>();
    List<RawPolicySet> policySets = new ArrayList<>();
    List<RawTestSuite> tests = new ArrayList<>();
    for (Path path : files) {
      String relative = relativeName(root, path);
      byte[] bytes;
      try {
        long size = Files.size(path);
        if (size > limits.maxFileBytes()) {
          problems.error("limit-file-size", relative, Position.FILE,
              "the file has " + size + " bytes, more than the limit of " + limits.maxFileBytes(),
              "split the file, or raise the limit (LoadLimits.maxFileBytes)");
          digestUpdate(digest, relative, new byte[0]);
          continue;
        }
        bytes = Files.readAllBytes(path);
      } catch (IOException e) {
        problems.error("io-error", relative, Position.FILE, "cannot read the file: " + e.getMessage(), null);
        continue;
      }
      digestUpdate(digest, relative, bytes);
      if (!SourceReader.isPolicyFile(relative) || relative.startsWith(OPA_DIRECTORY)) {
        continue;
      }
      String text = Utf8Text.decode(relative, bytes, problems);
      if (text == null) {
        continue;
      }
      sources.put(relative, text);
      SourceNode node = sourceReader.read(relative, text, problems);
      if (node == null) {
        continue;
      }
      NodeReader reader = new NodeReader(relative, problems);
      DocumentParser parser = new DocumentParser(reader);
      String kind = parser.kind(node);
      if (kind == null) {
        continue;
      }
      MapNode map = (MapNode) node;
      switch (kind) {
        case "Bundle": {
          RawBundleMeta meta = parser.bundle(map);
          if (meta != null) {
            metas.add(meta);
          }
          break;
        }
        case "DataProduct": {
          RawProduct product = parser.product(map);
          if (product != null) {
            products.add(product);
          }
          break;
        }
        case "PolicySet": {
          RawPolicySet set = parser.policySet(map);
          if (set != null) {
            policySets.add(set);
          }
          break;
        }
        default: {
          RawTestSuite suite = parser.testSuite(map);
          if (suite != null) {
            tests.add(suite);
          }
        }
      }
    }
    RawBundleMeta meta = metas.isEmpty() ? null : metas.get(0);
    for (int i = 1; i < metas.size(); i++) {
      problems.error("duplicate-bundle", metas.get(i).file(), metas.get(i).position(),
          "a second Bundle document (the first is " + metas.get(0).file() + ")",
          "a bundle has exactly one Bundle document, bundle.yaml at its root");
    }
    return new RawBundle(root.toString(), "sha256:" + HexFormat.of().formatHex(digest.digest()), sources, meta,
        products, policySets, tests, problems.problems());
  }

  private RawBundle empty(Path root, ProblemSink problems) {
    return new RawBundle(root.toString(), "sha256:", Map.of(), null, List.of(), List.of(), List.of(),
        problems.problems());
  }

  private static List<Path> listFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
      return walk
          .filter(Files::isRegularFile)
          .filter(path -> !isHidden(root.relativize(path)))
          .sorted((a, b) -> relativeName(root, a).compareTo(relativeName(root, b)))
          .toList();
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** The path relative to the bundle root with {@code /} separators, as every message names it. */
  static String relativeName(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /**
   * The digest covers each file's relative path and contents, framed by their lengths so that no
   * two different bundles can produce the same byte stream.
   */
  private static void digestUpdate(MessageDigest digest, String relative, byte[] contents) {
    byte[] name = relative.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(8).putLong(name.length).array());
    digest.update(name);
    digest.update(ByteBuffer.allocate(8).putLong(contents.length).array());
    digest.update(contents);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
