package io.meshgov.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.BundleRejectedException;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid bundles, one directory per case under {@code src/test/resources/invalid/}, each the valid
 * base bundle {@code _base/bundle/} with one kind of mistake (or, for {@code multiple-problems},
 * several). A case keeps only its difference from the base, as {@link BundleFixtures} reads it:
 * {@code <case>/overlay/} holds the files it changes or adds, at their paths in the bundle, and
 * {@code <case>/deleted.txt}, if any, the base files it removes. {@code <case>/expected.txt} holds
 * the error lines that {@link GovernanceEngine.Builder#validate()} must return for it, as {@link
 * Problem#format()} prints them, in order, warnings left out. {@code invalid/README.md} says how to
 * add a case.
 *
 * <p>Every case runs against its bundle materialized in a temporary directory, because a few cases
 * are too big or too deep to commit: {@link #GENERATED} writes their hostile file into it (their
 * directory holds only a {@code README.md} and {@code expected.txt}). The cases named by a test of
 * their own below are cases the engine once got wrong.
 */
class InvalidBundleTest {
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  private static final AccessRequest REQUEST = AccessRequest.builder()
      .subject(new Subject("alice", List.of("finance"), List.of("analyst"), Map.of("region", "EU")))
      .product("finance.invoice_payments")
      .purpose("reporting")
      .at(AT)
      .build();

  private static final BundleFixtures CASES = new BundleFixtures(fixtures());

  /** Files written into the copy of a case's bundle before it is validated. */
  private static final Map<String, Consumer<Path>> GENERATED = Map.of(
      "oversized-file", InvalidBundleTest::writeOversizedFile,
      "deep-nesting", InvalidBundleTest::writeDeepNesting,
      "symlink-loop", InvalidBundleTest::writeSymlinkLoop);

  /** Cases built to make a careless loader hang or run out of memory. */
  private static final Set<String> HOSTILE = Set.of(
      "alias-bomb", "alias-bomb-under-alias-limit", "oversized-file", "deep-nesting", "symlink-loop");


  @TempDir Path temp;

  @BeforeAll
  static void warmUp() {
    // CEL's first environment takes seconds to build: build it once, before the cases
    GovernanceEngine.builder().bundle(fixtures().resolve("_base/bundle")).validate();
  }

  static List<String> cases() {
    return allCases();
  }

  /**
   * Each case is rejected by its limit's named error, not by luck; the timeout only stops a loader
   * that hangs on a hostile case (alias bombs, deep nesting, symlink loops) from hanging the build.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void validate_invalidBundle_reportsExactlyTheExpectedErrors(String name) {
    assertReportsExpectedErrors(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reload_invalidBundle_throwsAndKeepsServingThePreviousBundle(String name) {
    Path live = temp.resolve("live");
    copyTree(fixtures().resolve("_base/bundle"), live);
    try (GovernanceEngine engine = GovernanceEngine.builder()
        .bundle(live)
        .clock(InstantSource.fixed(AT))
        .build()) {
      BundleInfo before = engine.bundle();
      Decision first = engine.decide(REQUEST);

      replaceBundle(live, name);
      BundleRejectedException rejected = assertThrows(BundleRejectedException.class, engine::reload);

      assertEquals(expectedErrors(name), errorLines(rejected.problems()));
      assertEquals(before, engine.bundle());
      assertEquals(withoutId(first), withoutId(engine.decide(REQUEST)));
    }
  }

  @Test
  void reload_afterRejection_acceptsTheNextValidBundle() throws IOException {
    Path live = temp.resolve("live");
    copyTree(fixtures().resolve("_base/bundle"), live);
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(live).clock(InstantSource.fixed(AT)).build()) {
      BundleInfo before = engine.bundle();
      replaceBundle(live, "unknown-mask-method");
      assertThrows(BundleRejectedException.class, engine::reload);

      replaceBundle(live, "_base");
      Path bundleFile = live.resolve("bundle.yaml");
      Files.writeString(bundleFile, Files.readString(bundleFile, UTF_8).replace("revision: \"1\"", "revision: \"2\""),
          UTF_8);
      List<Problem> warnings = engine.reload();

      assertEquals(List.of(), warnings);
      assertEquals("2", engine.bundle().revision());
      assertNotEquals(before.digest(), engine.bundle().digest());
      assertEquals(Effect.PERMIT, engine.decide(REQUEST).effect());
    }
  }

  @Test
  void base_isValidWithoutWarnings() {
    assertEquals(List.of(), format(GovernanceEngine.builder().bundle(fixtures().resolve("_base/bundle")).validate()));
  }

  @Test
  void fixtures_areComplete() {
    List<String> all = allCases();
    assertTrue(all.size() >= 20, "only " + all.size() + " cases");
    assertAll(all.stream().map(name -> () -> {
      assertTrue(CASES.changesBase(name) || GENERATED.containsKey(name),
          name + " has neither overlay/ nor deleted.txt");
      assertFalse(expectedErrors(name).isEmpty(), name + " expects no error");
    }));
    assertAll(Stream.concat(GENERATED.keySet().stream(), HOSTILE.stream())
        .map(name -> () -> assertTrue(all.contains(name), "no fixture directory for " + name)));
  }

  // ------------------------------------------------------------------ regressions: cases the engine once got wrong

  @Test
  void wrongTypeColumns_reportsOnlyTheWrongType() {
    assertReportsExpectedErrors("wrong-type-columns");
  }

  @Test
  void yamlUnclosedBracket_namesTheOpeningBracket() {
    assertReportsExpectedErrors("yaml-unclosed-bracket");
  }

  @Test
  void overlappingVersions_pointsAtTheEffectiveWindow() {
    assertReportsExpectedErrors("overlapping-versions");
  }

  @Test
  void badMaskParameter_pointsAtTheValue() {
    assertReportsExpectedErrors("bad-mask-parameter");
  }

  @Test
  void badMaskParameterName_pointsAtTheKey() {
    assertReportsExpectedErrors("bad-mask-parameter-name");
  }

  @Test
  void yamlTagPythonObject_isAnUnsupportedTag() {
    assertReportsExpectedErrors("yaml-tag-python-object");
  }

  @Test
  void yamlTagJavaClass_isAnUnsupportedTag() {
    assertReportsExpectedErrors("yaml-tag-java-class");
  }

  @Test
  void celUnknownField_namesTheField() {
    assertReportsExpectedErrors("cel-unknown-field");
  }

  @Test
  void celTypeErrorPlainMultiline_pointsAtTheOperator() {
    assertReportsExpectedErrors("cel-type-error-plain-multiline");
  }

  @Test
  void celTypeErrorDoubleQuotedMultiline_pointsAtTheOperator() {
    assertReportsExpectedErrors("cel-type-error-double-quoted-multiline");
  }

  @Test
  void celTypeErrorEscapedQuotes_pointsAtTheOperator() {
    assertReportsExpectedErrors("cel-type-error-escaped-quotes");
  }

  @Test
  void unknownRuleKind_reportsOnlyTheKind() {
    assertReportsExpectedErrors("unknown-rule-kind");
  }

  @Test
  void symlinkLoop_isAProblemNotACrash() {
    assertReportsExpectedErrors("symlink-loop");
  }

  // ------------------------------------------------------------------ helpers

  private void assertReportsExpectedErrors(String name) {
    Path bundle = temp.resolve(name);
    copyCase(name, bundle);
    List<String> expected = expectedErrors(name);
    List<Problem> problems = GovernanceEngine.builder().bundle(bundle).validate();
    assertEquals(expected, errorLines(problems));
  }

  private static List<String> errorLines(List<Problem> problems) {
    return format(problems.stream().filter(Problem::isError).toList());
  }

  private static List<String> format(List<Problem> problems) {
    return problems.stream().map(Problem::format).toList();
  }

  private static Decision withoutId(Decision decision) {
    return new Decision("", decision.effect(), decision.product(), decision.columns(), decision.rowFilters(),
        decision.retention(), decision.reasons(), decision.bundle(), decision.evaluatedAt(), decision.appliedRules(), decision.opa());
  }

  private static Path fixtures() {
    URL url = InvalidBundleTest.class.getResource("/invalid");
    if (url == null) {
      throw new IllegalStateException("no invalid/ fixtures on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> allCases() {
    try (Stream<Path> dirs = Files.list(fixtures())) {
      return dirs.filter(Files::isDirectory)
          .map(dir -> dir.getFileName().toString())
          .filter(name -> !name.startsWith("_"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> expectedErrors(String name) {
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(fixtures().resolve(name).resolve("expected.txt"), UTF_8));
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Materializes a case's bundle in {@code target} and writes its generated file, if it has one. */
  private static void copyCase(String name, Path target) {
    CASES.materialize(name, target);
    GENERATED.getOrDefault(name, bundle -> { }).accept(target);
  }

  /**
   * Makes {@code live} hold exactly the bundle of case {@code name}, in place, as someone editing a
   * running engine's directory would: overwrites and adds its files, deletes the files it lacks.
   */
  private static void replaceBundle(Path live, String name) {
    Path source = CASES.materialize(name, live.resolveSibling(live.getFileName() + "-" + name));
    try (Stream<Path> walk = Files.walk(live)) {
      for (Path path : walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
        if (!Files.exists(source.resolve(live.relativize(path).toString()))) {
          Files.delete(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    copyTree(source, live);
    GENERATED.getOrDefault(name, bundle -> { }).accept(live);
  }

  private static void copyTree(Path source, Path target) {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.toList()) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A policy set one byte over the default 1 MiB limit: a pasted blob in its description. */
  private static void writeOversizedFile(Path bundle) {
    String head = String.join("\n",
        "apiVersion: meshgov/v1",
        "kind: PolicySet",
        "metadata:",
        "  id: global.huge",
        "  version: 1.0.0",
        "  scope: global",
        "  owner: governance-council",
        "  description: >-",
        "");
    String tail = "\nrules: []\n";
    int size = Math.toIntExact(LoadLimits.DEFAULTS.maxFileBytes() + 1);
    StringBuilder text = new StringBuilder(size).append(head);
    String line = "    " + "lorem ipsum dolor sit amet ".repeat(3) + "\n";
    while (text.length() + line.length() + tail.length() <= size) {
      text.append(line);
    }
    int rest = size - text.length() - tail.length();
    text.append("    ").append("x".repeat(rest - 4)).append(tail);
    if (text.length() != size) {
      throw new IllegalStateException("generated " + text.length() + " bytes, not " + size);
    }
    write(bundle.resolve("global/huge.yaml"), text.toString());
  }

  /** A policy set whose rules nest 10,000 flow sequences deep: a stack overflow for a naive parser. */
  private static void writeDeepNesting(Path bundle) {
    String text = String.join("\n",
        "apiVersion: meshgov/v1",
        "kind: PolicySet",
        "metadata:",
        "  id: global.deep",
        "  version: 1.0.0",
        "  scope: global",
        "  owner: governance-council",
        "rules: " + "[".repeat(10_000) + "]".repeat(10_000),
        "");
    write(bundle.resolve("global/deep.yaml"), text);
  }

  /** A link from inside the bundle to its own parent: walking the bundle with links followed never ends. */
  private static void writeSymlinkLoop(Path bundle) {
    try {
      Files.createSymbolicLink(bundle.resolve("domains/finance/loop"), Path.of(".."));
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("cannot create a symbolic link here: " + e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
