package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a client of the engine's public API (STYLE.md, CLI): nothing of {@code
 * io.meshgov.engine.internal}, which the engine's module does not export and may change in any
 * release. Surefire runs in the module's directory, so the sources are at {@code src/main/java}.
 */
class PublicEngineApiTest {
  @Test
  void cliSources_referNothingFromEngineInternal() throws IOException {
    Path sources = Path.of("src/main/java");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(path -> path.toString().endsWith(".java")).toList();
    }
    assertTrue(files.size() >= 10, () -> "too few sources found under " + sources.toAbsolutePath() + ": " + files);
    List<String> offending = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
        // imports and fully qualified names alike; a comment may name the package
        if (!comment && line.contains("io.meshgov.engine.internal")) {
          offending.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertEquals(List.of(), offending);
  }
}
