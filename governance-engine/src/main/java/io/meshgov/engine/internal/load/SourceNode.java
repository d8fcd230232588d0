package io.meshgov.engine.internal.load;

import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
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
  record Entry(String key, Position keyPosition, SourceNode value) {
    /**
     * Adds {@code entry} to a mapping being built, or reports a duplicate key: both parsers go
     * through here, so a second {@code effect:} is an error in YAML and JSON alike.
     */
    static void putUnique(Map<String, Entry> entries, Entry entry, String file, ProblemSink problems) {
      Entry first = entries.get(entry.key());
      if (first != null) {
        problems.error("duplicate-key", file, entry.keyPosition(),
            "duplicate key '" + entry.key() + "' (first at line " + first.keyPosition().line() + ")",
            "remove one of the two '" + entry.key() + "' entries");
        return;
      }
      entries.put(entry.key(), entry);
    }
  }

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

    /**
     * The file position of a 1-based line and 0-based column inside {@link #text}, found by walking
     * the file's text beside the parsed value, so folded lines, escapes and doubled quotes are
     * accounted for. {@code fileText} is the whole file the scalar was read from.
     */
    public Position locate(String fileText, int line, int column) {
      int valueOffset = 0;
      for (int current = 1; current < line && valueOffset < text.length(); valueOffset++) {
        if (text.charAt(valueOffset) == '\n') {
          current++;
        }
      }
      valueOffset = Math.min(text.length(), valueOffset + column);
      int source = offsetOf(fileText, contentPosition);
      if (source < 0) {
        return positionInText(line, column);
      }
      char quote = style == ScalarStyle.QUOTED ? fileText.charAt(Math.max(0, source - 1)) : 0;
      int value = 0;
      while (value < valueOffset && source < fileText.length()) {
        char inSource = fileText.charAt(source);
        char inValue = text.charAt(value);
        if (quote == '"' && inSource == '\\') {
          source += escapeLength(fileText, source);
          value++;
        } else if (quote == '\'' && inSource == '\'' && source + 1 < fileText.length()
            && fileText.charAt(source + 1) == '\'') {
          source += 2;
          value++;
        } else if (inSource == inValue) {
          source++;
          value++;
        } else if (Character.isWhitespace(inSource)) {
          // folding: a line break and its indentation became one space (or nothing)
          while (source < fileText.length() && Character.isWhitespace(fileText.charAt(source))) {
            source++;
          }
          if (Character.isWhitespace(inValue)) {
            value++;
          }
        } else {
          value++;
        }
      }
      return positionAt(fileText, source);
    }

    private static int escapeLength(String fileText, int at) {
      char kind = at + 1 < fileText.length() ? fileText.charAt(at + 1) : ' ';
      switch (kind) {
        case 'x':
          return 4;
        case 'u':
          return 6;
        case 'U':
          return 10;
        default:
          return 2;
      }
    }

    private static int offsetOf(String fileText, Position position) {
      int offset = 0;
      for (int current = 1; current < position.line(); current++) {
        offset = fileText.indexOf('\n', offset);
        if (offset < 0) {
          return -1;
        }
        offset++;
      }
      return offset + position.column() - 1;
    }

    private static Position positionAt(String fileText, int offset) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset && i < fileText.length(); i++) {
        if (fileText.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new Position(line, offset - lineStart + 1);
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
