package io.meshgov.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem in a bundle or request: where ({@code file} relative to the bundle root, 1-based
 * {@code line} and {@code column}; 0 when not known), what ({@code message}), a stable {@code
 * code} for programs to match, and an optional {@code help} saying what to do.
 */
public record Problem(
    Severity severity, String code, String file, int line, int column, String message, @Nullable String help) {

  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must not be negative");
    }
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * One line: {@code file:line:col: message [code] help: …}, with {@code warning: } before the
   * message of a warning. Tools match the code; people read the message and the help.
   */
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append(file).append(':').append(line).append(':').append(column).append(": ");
    if (severity == Severity.WARNING) {
      text.append("warning: ");
    }
    text.append(message).append(" [").append(code).append(']');
    if (help != null) {
      text.append(" help: ").append(help);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
