package io.meshgov.engine.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML or JSON value with its source position: the common tree both parsers produce, so the
 * typed readers see one format.
 */
public sealed interface SourceNode permits SourceNode.MapNode, SourceNode.ListNode, SourceNode.Scalar {

  Position position();

  /** What a reader says it expected when a node has the wrong shape, e.g. "a mapping". */
  String describe();

  /** A mapping; keys are unique (duplicates are rejected while parsing) and keep file order. */
  record MapNode(Position position, Map<String, Entry> entries) implements SourceNode {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public @Nullable Entry entry(String key) {
      return entries.get(key);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A key with its position and value. */
  record Entry(String key, Position keyPosition, SourceNode value) {}

  record ListNode(Position position, List<SourceNode> items) implements SourceNode {
    public ListNode {
      items = java.util.Collections.unmodifiableList(new ArrayList<>(items));
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** The kind a scalar was resolved to by the parser (YAML implicit tags, JSON token types). */
  enum ScalarKind {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL,
    TIMESTAMP
  }

  /** How a scalar was written, which decides how positions inside it map to the file. */
  enum ScalarStyle {
    PLAIN,
    QUOTED,
    BLOCK
  }

  /**
   * A scalar. {@code contentPosition} is where the first character of {@code text} stands in the
   * file (after a quote, or on the first line of a block scalar); for block scalars every later
   * line starts at the same column.
   */
  record Scalar(Position position, String text, ScalarKind kind, ScalarStyle style, Position contentPosition)
      implements SourceNode {
    @Override
    public String describe() {
      switch (kind) {
        case NULL:
          return "null";
        case BOOLEAN:
          return "a boolean";
        case INTEGER:
          return "an integer";
        case FLOAT:
          return "a number";
        default:
          return "a string";
      }
    }

    /** The file position of a 1-based line and 0-based column inside {@link #text}. */
    public Position positionInText(int line, int column) {
      if (line <= 1) {
        return new Position(contentPosition.line(), contentPosition.column() + column);
      }
      if (style == ScalarStyle.BLOCK) {
        return new Position(contentPosition.line() + line - 1, contentPosition.column() + column);
      }
      // a folded quoted or plain scalar: the column inside continuation lines is not recoverable
      return new Position(contentPosition.line() + line - 1, column + 1);
    }
  }
}
