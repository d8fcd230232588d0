package io.meshgov.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows as aligned text columns, two spaces apart, under a header, without keeping a large
 * answer in memory: the first {@code window} rows are held to size the columns, later rows are
 * printed as they come, at those widths (a later, wider value pushes the rest of its own line
 * right and is never cut). Memory is bounded by the window, whatever the number of rows.
 */
final class AuditTable {
  /** Enough rows for a screenful or a report to come out aligned. */
  static final int ALIGNMENT_WINDOW = 1000;

  private final PrintWriter out;
  private final List<String> header;
  private final int window;
  private final int[] widths;
  private final List<List<String>> held = new ArrayList<>();
  private boolean streaming;

  AuditTable(PrintWriter out, List<String> header, int window) {
    this.out = out;
    this.header = List.copyOf(header);
    this.window = window;
    this.widths = new int[header.size()];
    widen(header);
  }

  void add(List<String> row) {
    if (streaming) {
      print(row);
      return;
    }
    held.add(row);
    widen(row);
    if (held.size() == window) {
      release();
    }
  }

  /** Prints the rows still held; without any row, prints nothing, not even the header. */
  void finish() {
    if (!held.isEmpty()) {
      release();
    }
  }

  private void release() {
    print(header);
    held.forEach(this::print);
    held.clear();
    streaming = true;
  }

  private void widen(List<String> row) {
    for (int i = 0; i < widths.length; i++) {
      widths[i] = Math.max(widths[i], row.get(i).length());
    }
  }

  private void print(List<String> row) {
    StringBuilder line = new StringBuilder(128);
    for (int i = 0; i < row.size(); i++) {
      String cell = row.get(i);
      line.append(cell);
      if (i + 1 < row.size()) {
        line.append(" ".repeat(Math.max(0, widths[i] - cell.length()) + 2));
      }
    }
    out.print(line);
    out.print('\n');
  }
}
