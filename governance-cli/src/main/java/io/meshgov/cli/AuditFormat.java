package io.meshgov.cli;

/**
 * {@code audit --format}. The constants are named as they are written on the command line, so
 * picocli's message for an unknown value lists exactly these.
 */
enum AuditFormat {
  /** One aligned line per matching record and a summary line (the default). */
  table,
  /** The matching records' lines, unchanged, and nothing else. */
  jsonl
}
