package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's package graph, read from the imports and qualified names of its main sources: the
 * layering that docs/architecture.md describes, checked so that it cannot drift.
 */
class PackageGraphTest {
  private static final String ROOT = "io.meshgov.engine";
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.meshgov\\.engine((?:\\.[a-z]+)*)\\.[A-Z]");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

  /** Package → the engine packages it refers to. */
  private static final Map<String, Set<String>> GRAPH = new TreeMap<>();

  @BeforeAll
  static void readSources() {
    Path sources = Path.of("src/main/java/io/meshgov/engine");
    assertTrue(Files.isDirectory(sources), "run from the governance-engine module directory");
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher declared = PACKAGE.matcher(text);
        assertTrue(declared.find(), file + " declares no package");
        String from = declared.group(1);
        Set<String> to = GRAPH.computeIfAbsent(from, p -> new TreeSet<>());
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
          String target = ROOT + reference.group(1);
          if (!target.equals(from)) {
            to.add(target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void packages_formNoCycle() {
    List<String> cycles = new ArrayList<>();
    for (String start : GRAPH.keySet()) {
      for (String next : GRAPH.get(start)) {
        if (reaches(next, start, new TreeSet<>())) {
          cycles.add(start + " -> " + next + " -> ... -> " + start);
        }
      }
    }
    assertEquals(List.of(), cycles);
  }

  @Test
  void stages_doNotReachTheFacadeOrItsForms() {
    List<String> upward = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : GRAPH.entrySet()) {
      if (!entry.getKey().startsWith(ROOT + ".internal")) {
        continue;
      }
      for (String target : entry.getValue()) {
        if (target.equals(ROOT) || target.equals(ROOT + ".json") || target.equals(ROOT + ".audit")) {
          upward.add(entry.getKey() + " -> " + target);
        }
      }
    }
    assertEquals(List.of(), upward, "the stages sit below the facade, the JSON forms and the audit sinks");
  }

  @Test
  void problemPackage_dependsOnNoStage() {
    assertEquals(Set.of(), GRAPH.getOrDefault(ROOT + ".internal.problem", Set.of()));
  }

  @Test
  void loadStage_dependsOnlyOnProblems() {
    assertEquals(Set.of(ROOT + ".internal.problem"), GRAPH.get(ROOT + ".internal.load"));
  }

  @Test
  void publicPackages_areExactlyThoseTheModuleExports() throws IOException {
    String moduleInfo = Files.readString(Path.of("src/main/java/module-info.java"));
    Set<String> exported = new TreeSet<>();
    Matcher exports = Pattern.compile("^\\s*exports ([\\w.]+);", Pattern.MULTILINE).matcher(moduleInfo);
    while (exports.find()) {
      exported.add(exports.group(1));
    }
    Set<String> outsideInternal = new TreeSet<>();
    for (String name : GRAPH.keySet()) {
      if (!name.startsWith(ROOT + ".internal")) {
        outsideInternal.add(name);
      }
    }
    assertEquals(outsideInternal, exported, "every package outside internal is API, and exported");
  }

  private static boolean reaches(String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : GRAPH.getOrDefault(from, Set.of())) {
      if (reaches(next, target, seen)) {
        return true;
      }
    }
    return false;
  }
}
