package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem code the CLI can print has a row in docs/problem-codes.md (issue #8): the codes
 * the CLI and the engine pass as string literals to {@code error(…)}, {@code warning(…)}, {@code
 * new Problem(…)} and {@code new Finding(…)}. Codes built at run time ({@code "unknown-" + what})
 * are not found here; the document lists them by hand. Surefire runs in the module's directory.
 */
class ProblemCodesDocumentedTest {
  private static final Pattern CODE_LITERAL = Pattern.compile(
      "(?:\\b(?:error|warning)\\(\\s*|new Problem\\(\\s*Severity\\.\\w+,\\s*|new (?:RequestChecks\\.)?Finding\\(\\s*)"
          + "\"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\"");
  private static final Pattern DOCUMENTED = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|");

  private static Set<String> codesIn(Path sources) throws IOException {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(sources)) {
      for (Path file : walk.filter(path -> path.toString().endsWith(".java")).toList()) {
        Matcher matcher = CODE_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (matcher.find()) {
          codes.add(matcher.group(1));
        }
      }
    }
    return codes;
  }

  @Test
  void everyCodeTheCliOrEngineReports_isInProblemCodesMd() throws IOException {
    Set<String> codes = new TreeSet<>(codesIn(Path.of("src/main/java")));
    codes.addAll(codesIn(Path.of("../governance-engine/src/main/java")));
    assertTrue(codes.containsAll(List.of("batch-not-allowed", "io-error", "unknown-key", "opa-not-configured")), codes::toString);

    Set<String> documented = new TreeSet<>();
    Matcher rows = DOCUMENTED.matcher(Files.readString(Path.of("../docs/problem-codes.md"), StandardCharsets.UTF_8));
    while (rows.find()) {
      documented.add(rows.group(1));
    }
    Set<String> missing = new TreeSet<>(codes);
    missing.removeAll(documented);
    assertEquals(Set.of(), missing, "codes without a row in docs/problem-codes.md");
  }
}
