package io.meshgov.engine.internal.problem;

/** A 1-based line and column in a source file; {@link #UNKNOWN} is 0:0. */
public record Position(int line, int column) {
  public static final Position UNKNOWN = new Position(0, 0);
  /** Where problems about a whole file point: its first character. */
  public static final Position FILE = new Position(1, 1);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
