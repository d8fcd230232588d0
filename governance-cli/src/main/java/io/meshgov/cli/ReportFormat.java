package io.meshgov.cli;

/**
 * {@code validate --format}: how the problems are printed. The constants are named as they are
 * written on the command line, so that picocli's message for a value it does not know lists
 * exactly these ({@code expected one of [text, json, sarif] (case-sensitive) but was 'xml'}).
 */
enum ReportFormat {
  /** Problem lines on stderr, a summary line on stdout (the default). */
  text,
  /** One JSON object on stdout. */
  json,
  /** A SARIF 2.1.0 log on stdout, for GitHub code scanning. */
  sarif;

  ProblemWriter writer() {
    switch (this) {
      case json:
        return new JsonProblemWriter();
      case sarif:
        return new SarifProblemWriter(SarifProblemWriter.jarVersion());
      default:
        return new TextProblemWriter();
    }
  }
}
