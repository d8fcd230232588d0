package io.meshgov.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgov.api.Problem;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code validate --format sarif}: a SARIF 2.1.0 log on stdout, the format GitHub code scanning
 * reads, and nothing on stderr. One run; its driver is meshgov, with one rule per problem code
 * present; one result per problem (docs/cli.md describes the mapping):
 *
 * <ul>
 *   <li>{@code ruleId}: the problem code;
 *   <li>{@code level}: {@code error} or {@code warning}; under {@code --strict} a warning is
 *       reported as {@code error}, since it fails the run, and keeps {@code "properties":
 *       {"severity": "warning"}};
 *   <li>{@code message.text}: the message, then {@code " — "} and the help when there is one;
 *   <li>{@code artifactLocation.uri}: the file, found from the current directory: for a relative
 *       bundle directory the relative path ({@code policies/global/pii.yaml} when run as {@code
 *       validate policies} from the repository root, which is what GitHub resolves against the
 *       checkout), for an absolute one a {@code file:} URI (GitHub makes those relative to the
 *       checkout itself);
 *   <li>{@code region}: {@code startLine} and {@code startColumn}, 1-based; none for a problem
 *       without a position (line 0), no column when the column is 0.
 * </ul>
 *
 * <p>Characters outside ASCII are written as JSON escapes, as in {@link JsonProblemWriter}.
 * Columns count Unicode code points, as the YAML parser does ({@code columnKind}
 * {@code unicodeCodePoints}); in a {@code .json} bundle file the engine counts UTF-16 code units
 * instead, which differ only after a character outside the Basic Multilingual Plane (an emoji)
 * on the same line.
 */
final class SarifProblemWriter implements ProblemWriter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  /** The project's address, as the parent pom's {@code <url>} gives it. */
  static final String INFORMATION_URI = "https://github.com/meshgov/meshgov";
  /** Between a message and its help in {@code message.text}: space, U+2014, space. */
  static final String EM_DASH = " \u2014 ";

  private final String toolVersion;

  SarifProblemWriter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  /** The version of the running jar, as {@code --version} prints it ({@link GovernanceCli.Version}), or {@code dev}. */
  static String jarVersion() {
    String version = GovernanceCli.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public void write(ProblemReport report, PrintWriter out, PrintWriter err) {
    out.println(JsonProblemWriter.pretty(document(report)));
    out.flush();
  }

  ObjectNode document(ProblemReport report) {
    ObjectNode log = JsonProblemWriter.JSON.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "meshgov");
    driver.put("version", toolVersion);
    driver.put("informationUri", INFORMATION_URI);
    // one rule per code present, in alphabetical order; each result names its rule's index
    Map<String, Integer> ruleIndex = new HashMap<>();
    ArrayNode rules = driver.putArray("rules");
    for (String code : new TreeSet<>(report.all().stream().map(Problem::code).toList())) {
      ruleIndex.put(code, ruleIndex.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", code);
      rule.putObject("shortDescription").put("text", "meshgov problem " + code);
      // the codes are described in docs/problem-codes.md, which the jar does not carry; GitHub
      // shows these texts beside each alert, whose message holds the problem's own help
      rule.putObject("fullDescription").put("text", "meshgov problem " + code
          + ": docs/problem-codes.md in the meshgov documentation says where it comes from and what to do.");
      rule.putObject("help").put("text", "See " + code + " in docs/problem-codes.md of the meshgov documentation. "
          + "Each result's message ends with the help for that problem.");
    }
    run.put("columnKind", "unicodeCodePoints");
    ArrayNode results = run.putArray("results");
    for (Problem problem : report.problems()) {
      addResult(results, report, problem, ruleIndex, uri(report.bundle(), problem));
    }
    for (Problem problem : report.subjectProblems()) {
      // a subjects file's problems name it as given, from the current directory, not from the bundle
      addResult(results, report, problem, ruleIndex, uri(Objects.requireNonNull(report.subjects(), "subjects")));
    }
    return log;
  }

  private static void addResult(ArrayNode results, ProblemReport report, Problem problem,
      Map<String, Integer> ruleIndex, String uri) {
    ObjectNode result = results.addObject();
    result.put("ruleId", problem.code());
    result.put("ruleIndex", ruleIndex.get(problem.code()));
    result.put("level", report.fails(problem) ? "error" : "warning");
    result.putObject("message").put("text",
        problem.message() + (problem.help() != null ? EM_DASH + problem.help() : ""));
    ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri);
    if (problem.line() > 0) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", problem.line());
      if (problem.column() > 0) {
        region.put("startColumn", problem.column());
      }
    }
    if (!problem.isError() && report.fails(problem)) {
      result.putObject("properties").put("severity", "warning");
    }
  }

  /**
   * The problem's file as a URI reference: relative to the current directory for a relative
   * bundle directory, a {@code file:} URI for an absolute one. The engine names bundle files
   * relative to the bundle root, the bundle itself {@code .}, and a missing bundle directory by
   * the path given ({@code bundle-not-found}).
   */
  static String uri(Path bundle, Problem problem) {
    return uri(problem.code().equals("bundle-not-found") ? bundle : bundle.resolve(problem.file()));
  }

  /** A path as a URI reference: relative to the current directory if relative, else a {@code file:} URI. */
  static String uri(Path location) {
    Path file = location.normalize();
    if (file.isAbsolute()) {
      return file.toUri().toASCIIString();
    }
    List<String> names = new ArrayList<>();
    for (Path name : file) {
      names.add(name.toString());
    }
    String path = String.join("/", names);
    if (path.isEmpty()) {
      path = ".";
    } else if (names.get(0).contains(":")) {
      path = "./" + path; // a colon in the first segment would read as a URI scheme
    }
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot make a URI of " + path, e);
    }
  }
}
