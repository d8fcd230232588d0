package io.meshgov.cli;

import java.io.PrintWriter;

/** Prints a {@link ProblemReport} in one of {@code validate}'s formats. */
interface ProblemWriter {
  /**
   * Prints the report: a document, or lines, on {@code out}; only the text format uses {@code
   * err}, for its problem lines.
   */
  void write(ProblemReport report, PrintWriter out, PrintWriter err);
}
