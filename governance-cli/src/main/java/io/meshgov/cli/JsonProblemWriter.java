package io.meshgov.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshgov.api.Problem;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code validate --format json}: one JSON object on stdout (docs/cli.md), indented as {@code
 * decide}'s decisions are, and nothing on stderr:
 *
 * <pre>{@code
 * {"valid": false, "strict": false, "bundle": "policies", "errors": 1, "warnings": 0,
 *  "problems": [{"severity": "error", "code": "unknown-key", "file": "global/pii.yaml",
 *                "line": 11, "column": 5, "message": "…", "help": "…"}]}
 * }</pre>
 *
 * <p>{@code help} is {@code null} when the problem has none, so every problem has the same keys.
 * Characters outside ASCII are written as JSON escapes (backslash, u, four hex digits).
 * {@code severity} is the engine's, also under {@code --strict}; {@code valid} says whether the
 * run passed.
 */
final class JsonProblemWriter implements ProblemWriter {
  /**
   * Writes characters outside ASCII as JSON escapes (backslash, u, four hex digits), so the
   * document is the same valid JSON whatever encoding the JVM prints standard output in (a CI
   * runner's locale may not be UTF-8).
   */
  static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  @Override
  public void write(ProblemReport report, PrintWriter out, PrintWriter err) {
    out.println(pretty(document(report)));
    out.flush();
  }

  static ObjectNode document(ProblemReport report) {
    ObjectNode document = JSON.createObjectNode();
    document.put("valid", report.valid());
    document.put("strict", report.strict());
    document.put("bundle", report.bundle().toString());
    if (report.subjects() != null) {
      document.put("subjects", report.subjects().toString());
    }
    document.put("errors", report.errors());
    document.put("warnings", report.warnings());
    ArrayNode problems = document.putArray("problems");
    for (Problem problem : report.all()) {
      ObjectNode entry = problems.addObject();
      entry.put("severity", problem.severity().name().toLowerCase(Locale.ROOT));
      entry.put("code", problem.code());
      entry.put("file", problem.file());
      entry.put("line", problem.line());
      entry.put("column", problem.column());
      entry.put("message", problem.message());
      entry.put("help", problem.help());
    }
    return document;
  }

  /** Indented with Jackson's default pretty printer, as decide prints decisions. */
  static String pretty(ObjectNode document) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
