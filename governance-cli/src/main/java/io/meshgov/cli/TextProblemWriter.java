package io.meshgov.cli;

import io.meshgov.api.Problem;
import java.io.PrintWriter;

/**
 * {@code validate}'s default output: one {@code file:line:col: message} line per problem on
 * stderr, as every command reports problems, then one summary line on stdout.
 */
final class TextProblemWriter implements ProblemWriter {
  static final String STRICT_NOTE = " (--strict: warnings are errors)";

  @Override
  public void write(ProblemReport report, PrintWriter out, PrintWriter err) {
    for (Problem problem : report.all()) {
      err.println(problem.format());
    }
    err.flush();
    out.println(summary(report));
    out.flush();
  }

  /**
   * {@code valid: DIR (N warning(s))} ({@code valid: DIR and FILE …} with a subjects file) or {@code
   * invalid: N error(s), N warning(s)}, noting --strict when it counts.
   */
  static String summary(ProblemReport report) {
    if (report.valid()) {
      return "valid: " + report.bundle() + (report.subjects() != null ? " and " + report.subjects() : "")
          + " (" + report.warnings() + " warning(s))";
    }
    return "invalid: " + report.errors() + " error(s), " + report.warnings() + " warning(s)"
        + (report.strict() && report.warnings() > 0 ? STRICT_NOTE : "");
  }
}
