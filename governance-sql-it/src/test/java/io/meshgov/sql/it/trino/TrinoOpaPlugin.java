package io.meshgov.sql.it.trino;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trino's OPA access-control plugin, as the build unpacked it from the server tarball. The tarball
 * is its only source on Maven Central, and in it every jar of the plugin but its own is a hard
 * link to the same jar in {@code lib/}, which the unpacking writes as an empty file: this fills
 * each from {@code lib/}, once, and refuses to go on if one cannot be filled.
 */
final class TrinoOpaPlugin {
  private TrinoOpaPlugin() {}

  static void complete(Path trinoHome) throws IOException {
    Path plugin = trinoHome.resolve("plugin").resolve("opa");
    if (!Files.isDirectory(plugin)) {
      throw new IllegalStateException("no OPA plugin at " + plugin + ": the build unpacks it from trino-server");
    }
    List<Path> jars;
    try (Stream<Path> files = Files.list(plugin)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
    }
    for (Path jar : jars) {
      if (Files.size(jar) > 0) {
        continue;
      }
      Path linked = trinoHome.resolve("lib").resolve(jar.getFileName());
      if (!Files.isRegularFile(linked) || Files.size(linked) == 0) {
        throw new IllegalStateException(jar + " is an empty hard link whose jar is not in lib/");
      }
      Files.copy(linked, jar, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
