package io.meshgov.cli;

import org.jspecify.annotations.Nullable;

/**
 * One line of an audit file, numbered from 1: either its text (without the {@code '\n'}), or why
 * it could not be read as text. A line that is text may still not be an audit record; that is
 * for the reader of the text to find out.
 */
record AuditLine(long number, @Nullable String text, @Nullable String problem) {

  static AuditLine text(long number, String text) {
    return new AuditLine(number, text, null);
  }

  static AuditLine unreadable(long number, String problem) {
    return new AuditLine(number, null, problem);
  }
}
