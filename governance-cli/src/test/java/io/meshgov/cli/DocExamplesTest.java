package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Runs the documentation: every {@code console} block of {@code README.md} and {@code docs/**.md},
 * and checks that every relative link resolves inside the repository.
 *
 * <p>The convention, also explained to contributors in {@code docs/README.md}:
 *
 * <ul>
 *   <li>A {@code console} block holds commands, each on a line starting with {@code $ }, each
 *       followed by what it prints. Only three commands are allowed: {@code $ java -jar
 *       governance-cli/target/governance.jar ARGS}, {@code $ echo $?} (the exit code of the
 *       previous command) and {@code $ cat FILE}.
 *   <li>The lines after a command are what a terminal shows: standard error, then standard
 *       output, the order in which every command prints them. {@code 2>/dev/null}, {@code
 *       >/dev/null} and {@code > FILE} hide a stream, as in a shell; {@code < FILE} feeds
 *       standard input.
 *   <li>{@code …} (one character, U+2026) inside a line stands for any text; a line holding only
 *       {@code …} (indentation allowed) stands for any number of lines, none included.
 *   <li>A command not followed by {@code $ echo $?} must exit 0.
 *   <li>Relative paths are read from the repository root; {@code --audit FILE}, {@code --out FILE}, {@code > FILE}
 *       and later {@code cat FILE} use a fresh directory per block, so examples never write into
 *       the repository.
 * </ul>
 */
class DocExamplesTest {
  private static final String PROMPT = "$ java -jar governance-cli/target/governance.jar";
  private static final String ELLIPSIS = "…";
  /** Options that take a value; every other word after the command is a flag or a path. */
  private static final Set<String> VALUE_OPTIONS = Set.of("--policies", "--request", "--audit", "--opa-url",
      "--opa-token-file", "--opa-timeout", "--opa-ca-file", "--policy-set", "--format", "--dialect", "--table",
      "--base", "--subjects", "--at", "--fail-on", "--min-coverage", "--column",
      "--subject", "--product", "--effect", "--rule", "--from", "--to", "--since", "--out", "--purpose");
  /** Options whose value is a file the example reads. */
  private static final Set<String> INPUT_PATHS = Set.of("--policies", "--base", "--request", "--subjects", "--opa-token-file",
      "--opa-ca-file");
  private static final Pattern LINK = Pattern.compile("(?<!!)\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern FORBIDDEN = Pattern.compile("\\.\\./shared|\\bSPEC\\b");

  private static final Path ROOT = repositoryRoot();

  /** Walks up from the working directory to the directory holding pom.xml, policies/ and docs/. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("policies"))
          && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  /** README.md and every Markdown file under docs/, in a stable order. */
  private static List<Path> markdownFiles() {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path file) {
    return ROOT.relativize(file).toString().replace('\\', '/');
  }

  // ---------------------------------------------------------------- console blocks

  /** A fenced block marked {@code console}: its lines and the line number of its first line. */
  record Block(Path file, int firstLine, List<String> lines) {}

  static List<Block> consoleBlocks(Path file) {
    List<Block> blocks = new ArrayList<>();
    List<String> lines = readLines(file);
    List<String> current = null;
    int start = 0;
    String fence = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String stripped = line.strip();
      if (fence == null) {
        if (stripped.startsWith("```")) {
          fence = stripped.substring(0, stripped.length() - stripped.replaceFirst("^`+", "").length());
          current = stripped.substring(fence.length()).strip().equals("console") ? new ArrayList<>() : null;
          start = i + 2;
        }
      } else if (stripped.equals(fence)) {
        if (current != null) {
          blocks.add(new Block(file, start, current));
        }
        fence = null;
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  @TestFactory
  Stream<DynamicTest> consoleExamples() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : markdownFiles()) {
      for (Block block : consoleBlocks(file)) {
        tests.add(DynamicTest.dynamicTest(name(file) + ":" + block.firstLine(),
            URI.create(file.toUri() + "?line=" + block.firstLine()), () -> run(block)));
      }
    }
    assertTrue(tests.size() >= 10, "expected console examples in README.md and docs/, found " + tests.size());
    return tests.stream();
  }

  /** One step of a block: a command line and the lines it should print. */
  record Step(int line, String command, List<String> expected) {}

  private static List<Step> steps(Block block) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < block.lines().size(); i++) {
      String line = block.lines().get(i);
      if (line.startsWith("$ ")) {
        steps.add(new Step(block.firstLine() + i, line.strip(), new ArrayList<>()));
      } else if (steps.isEmpty()) {
        if (!line.isBlank()) {
          fail(name(block.file()) + ":" + (block.firstLine() + i) + ": a console block starts with '$ ' command");
        }
      } else {
        steps.get(steps.size() - 1).expected().add(line);
      }
    }
    if (steps.isEmpty()) {
      fail(name(block.file()) + ":" + block.firstLine() + ": a console block without a command");
    }
    return steps;
  }

  /** What one governance command did, with paths shown relative to where the reader stands. */
  record Outcome(int exit, List<String> shown) {}

  private static void run(Block block) throws IOException {
    Path work = Files.createTempDirectory("doc-example");
    try {
      runSteps(block, work);
    } finally {
      try (Stream<Path> written = Files.walk(work)) {
        for (Path path : written.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static void runSteps(Block block, Path work) throws IOException {
    List<Step> steps = steps(block);
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      String where = name(block.file()) + ":" + step.line();
      if (step.command().startsWith(PROMPT + " ") || step.command().equals(PROMPT)) {
        Outcome outcome = governance(step.command().substring(PROMPT.length()), work);
        assertOutput(where, step.expected(), outcome.shown());
        int expectedExit = 0;
        if (s + 1 < steps.size() && steps.get(s + 1).command().equals("$ echo $?")) {
          Step echo = steps.get(++s);
          List<String> code = echo.expected().stream().filter(l -> !l.isBlank()).toList();
          if (code.size() != 1 || !code.get(0).strip().matches("\\d+")) {
            fail(name(block.file()) + ":" + echo.line() + ": '$ echo $?' is followed by one line, the exit code");
          }
          expectedExit = Integer.parseInt(code.get(0).strip());
        }
        assertEquals(expectedExit, outcome.exit(), where + ": exit code of " + step.command()
            + "\n" + String.join("\n", outcome.shown()));
      } else if (step.command().startsWith("$ cat ")) {
        String target = step.command().substring("$ cat ".length()).strip();
        Path path = work.resolve(target);
        if (!Files.exists(path)) {
          path = ROOT.resolve(target);
        }
        assertTrue(Files.isRegularFile(path), where + ": no file " + target);
        assertOutput(where, step.expected(), Files.readString(path, StandardCharsets.UTF_8).lines().toList());
      } else {
        fail(where + ": a console block may only run '" + PROMPT + " …', '$ echo $?' and '$ cat FILE'; "
            + "use a ```sh or ```text block for anything else: " + step.command());
      }
    }
  }

  /** Runs the command line in-process, as the documented command would from the repository root. */
  private static Outcome governance(String commandLine, Path work) throws IOException {
    List<String> words = words(commandLine);
    List<String> args = new ArrayList<>();
    boolean showOut = true;
    boolean showErr = true;
    Path stdoutFile = null;
    Path stdin = null;
    boolean commandSeen = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("2>/dev/null") || word.equals("2>") && "/dev/null".equals(next(words, i))) {
        i += word.equals("2>") ? 1 : 0;
        showErr = false;
      } else if (word.equals(">") || word.startsWith(">")) {
        String target = word.equals(">") ? next(words, i++) : word.substring(1);
        if (target == null) {
          fail("'>' without a file: " + commandLine);
        }
        stdoutFile = target.equals("/dev/null") ? null : work.resolve(target);
        showOut = false;
      } else if (word.equals("<") || word.startsWith("<")) {
        String source = word.equals("<") ? next(words, i++) : word.substring(1);
        if (source == null) {
          fail("'<' without a file: " + commandLine);
        }
        stdin = ROOT.resolve(source);
      } else if (word.startsWith("--") && word.contains("=")) {
        String option = word.substring(0, word.indexOf('='));
        args.add(option + "=" + path(option, word.substring(word.indexOf('=') + 1), work));
      } else if (VALUE_OPTIONS.contains(word) && i + 1 < words.size()) {
        args.add(word);
        args.add(path(word, words.get(++i), work));
      } else if (!word.startsWith("-") && commandSeen && Files.exists(ROOT.resolve(word))) {
        args.add(path("", word, work)); // a bare DIR; other bare words (rules PRODUCT) stay as typed
      } else {
        commandSeen |= !word.startsWith("-");
        args.add(word);
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GovernanceCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    InputStream savedIn = System.in;
    int exit;
    try {
      System.setIn(stdin == null ? new ByteArrayInputStream(new byte[0]) : Files.newInputStream(stdin));
      exit = cli.execute(args.toArray(new String[0]));
    } finally {
      System.setIn(savedIn);
    }
    if (stdoutFile != null) {
      Files.writeString(stdoutFile, out.toString(), StandardCharsets.UTF_8);
    }
    List<String> shown = new ArrayList<>();
    if (showErr) {
      shown.addAll(relative(err.toString(), work));
    }
    if (showOut) {
      shown.addAll(relative(out.toString(), work));
    }
    return new Outcome(exit, shown);
  }

  private static String next(List<String> words, int i) {
    return i + 1 < words.size() ? words.get(i + 1) : null;
  }

  /** An option's value as the command should see it: input paths under the root, outputs under the work dir. */
  private static String path(String option, String value, Path work) {
    if (value.equals("-") || Path.of(value).isAbsolute()) {
      return value;
    }
    if (option.equals("--audit") || option.equals("--out")) {
      return work.resolve(value).toString();
    }
    if (option.isEmpty() || INPUT_PATHS.contains(option)) {
      return ROOT.resolve(value).toString();
    }
    return value;
  }

  /** The output's lines, with the absolute paths the test passed turned back into what the reader typed. */
  private static List<String> relative(String text, Path work) {
    String shown = text.replace(work.toString() + java.io.File.separator, "")
        .replace(ROOT.toString() + java.io.File.separator, "");
    return shown.lines().toList();
  }

  /** Splits a command line into words as a shell would: spaces separate, quotes group. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  // ---------------------------------------------------------------- matching

  private static void assertOutput(String where, List<String> expected, List<String> actual) {
    List<String> wanted = trimBlankEnds(expected);
    List<String> got = trimBlankEnds(actual);
    if (!matches(wanted, 0, got, 0, new HashMap<>())) {
      // equal strings would have matched: this shows the reader both sides
      assertEquals(String.join("\n", wanted), String.join("\n", got),
          where + ": the output differs from the documented one ('…' stands for any text)");
      fail(where + ": the output differs from the documented one");
    }
  }

  private static List<String> trimBlankEnds(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    List<String> trimmed = new ArrayList<>();
    for (String line : lines.subList(from, to)) {
      trimmed.add(line.stripTrailing());
    }
    return trimmed;
  }

  /** Whether expected lines from {@code i} match actual lines from {@code j}; memoized. */
  static boolean matches(List<String> expected, int i, List<String> actual, int j, Map<Long, Boolean> memo) {
    long key = ((long) i << 32) | j;
    Boolean known = memo.get(key);
    if (known != null) {
      return known;
    }
    boolean result;
    if (i == expected.size()) {
      result = j == actual.size();
    } else if (expected.get(i).strip().equals(ELLIPSIS)) {
      result = matches(expected, i + 1, actual, j, memo)
          || j < actual.size() && matches(expected, i, actual, j + 1, memo);
    } else {
      result = j < actual.size() && lineMatches(expected.get(i), actual.get(j))
          && matches(expected, i + 1, actual, j + 1, memo);
    }
    memo.put(key, result);
    return result;
  }

  /** A line matches when equal, {@code …} standing for any text. */
  static boolean lineMatches(String expected, String actual) {
    if (!expected.contains(ELLIPSIS)) {
      return expected.equals(actual);
    }
    StringBuilder regex = new StringBuilder();
    String[] parts = expected.split(ELLIPSIS, -1);
    for (int k = 0; k < parts.length; k++) {
      if (k > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[k]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
  }

  // ---------------------------------------------------------------- problem codes

  /** How the engine and the CLI name a problem's code in their sources. */
  private static final Pattern CODE_IN_SOURCE = Pattern.compile(
      "\\b(?:error|warning)\\(\\s*\"([a-z]+(?:-[a-z]+)*)\"" // problems.error("code", …)
          + "|new Problem\\(\\s*Severity\\.[A-Z]+,\\s*\"([a-z]+(?:-[a-z]+)*)\""
          + "|new (?:RequestChecks\\.)?Finding\\(\\s*\"([a-z]+(?:-[a-z]+)*)\""
          + "|unknownValue\\([^;]*?,\\s*\"([a-z]+(?: [a-z]+)*)\"\\s*,"); // "unknown-" + what

  /** Every code the engine or the CLI can report has a row in docs/problem-codes.md. */
  @Test
  void problemCodes_allDocumented() throws IOException {
    Set<String> codes = new java.util.TreeSet<>();
    for (String module : List.of("governance-engine", "governance-cli")) {
      try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
          Matcher code = CODE_IN_SOURCE.matcher(Files.readString(source, StandardCharsets.UTF_8));
          while (code.find()) {
            codes.add(code.group(4) != null ? "unknown-" + code.group(4).replace(' ', '-')
                : code.group(1) != null ? code.group(1) : code.group(2) != null ? code.group(2) : code.group(3));
          }
        }
      }
    }
    assertTrue(codes.size() > 50, "found only " + codes + " in the sources");
    String table = Files.readString(ROOT.resolve("docs/problem-codes.md"), StandardCharsets.UTF_8);
    List<String> missing = codes.stream().filter(code -> !table.contains("| `" + code + "`")).toList();
    assertEquals(List.of(), missing, "problem codes without a row in docs/problem-codes.md");
  }

  // ---------------------------------------------------------------- links

  @TestFactory
  Stream<DynamicTest> links() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : markdownFiles()) {
      tests.add(DynamicTest.dynamicTest(name(file), file.toUri(), () -> checkLinks(file)));
    }
    return tests.stream();
  }

  private static void checkLinks(Path file) {
    List<String> problems = new ArrayList<>();
    List<String> lines = readLines(file);
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String where = name(file) + ":" + (i + 1) + ": ";
      Matcher forbidden = FORBIDDEN.matcher(line);
      if (forbidden.find()) {
        problems.add(where + "points outside the repository ('" + forbidden.group() + "'): " + line.strip());
      }
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
      while (link.find()) {
        String problem = checkLink(file, link.group(2));
        if (problem != null) {
          problems.add(where + problem);
        }
      }
    }
    assertEquals(List.of(), problems, "links of " + name(file));
  }

  /** Null when the link is fine: an external URL, or a path (and anchor) inside the repository. */
  private static String checkLink(Path from, String target) {
    if (target.matches("(?i)(https?|mailto):.*")) {
      return null;
    }
    if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
      return "link with an unexpected scheme: " + target;
    }
    int hash = target.indexOf('#');
    String pathPart = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = pathPart.isEmpty() ? from : from.getParent().resolve(pathPart).normalize();
    if (!resolved.startsWith(ROOT)) {
      return "link leaves the repository: " + target;
    }
    if (!Files.exists(resolved)) {
      return "broken link: " + target;
    }
    if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
      return "no heading for anchor #" + anchor + " in " + name(resolved);
    }
    return null;
  }

  private static final Map<Path, Set<String>> ANCHORS = new HashMap<>();

  /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as '-', -1, -2 for repeats. */
  static Set<String> anchors(Path file) {
    return ANCHORS.computeIfAbsent(file, f -> {
      Set<String> anchors = new HashSet<>();
      Map<String, Integer> seen = new HashMap<>();
      boolean inFence = false;
      for (String line : readLines(f)) {
        if (line.strip().startsWith("```")) {
          inFence = !inFence;
        }
        Matcher heading = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$").matcher(line);
        if (inFence || !heading.matches()) {
          continue;
        }
        String text = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
            .replace(' ', '-');
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
      return anchors;
    });
  }
}
