package io.meshgov.engine.internal.load;

import io.meshgov.engine.internal.load.SourceNode.Entry;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode.ScalarKind;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads from a {@link SourceNode} tree of one file. Every wrong shape, missing key and unknown
 * key is reported with its position; reads return null (or an empty list) so reading goes on and
 * all problems of the file are found in one pass.
 */
public final class NodeReader {
  private final String file;
  private final ProblemSink problems;

  public NodeReader(String file, ProblemSink problems) {
    this.file = file;
    this.problems = problems;
  }

  public String file() {
    return file;
  }

  public ProblemSink problems() {
    return problems;
  }

  public void error(String code, Position at, String message, @Nullable String help) {
    problems.error(code, file, at, message, help);
  }

  public void warning(String code, Position at, String message, @Nullable String help) {
    problems.warning(code, file, at, message, help);
  }

  /** {@code node} as a mapping whose keys are all in {@code allowed}, else null after reporting. */
  public @Nullable MapNode map(@Nullable SourceNode node, String what, Set<String> allowed) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof MapNode map)) {
      error("wrong-type", node.position(), what + " must be a mapping, not " + node.describe(), null);
      return null;
    }
    for (Entry entry : map.entries().values()) {
      if (!allowed.contains(entry.key())) {
        String suggestion = Suggestions.closest(entry.key(), allowed);
        error("unknown-key", entry.keyPosition(), "unknown key '" + entry.key() + "' in " + what,
            suggestion != null ? "did you mean '" + suggestion + "'?"
                : "allowed keys: " + String.join(", ", sorted(allowed)));
      }
    }
    return map;
  }

  public @Nullable SourceNode value(MapNode map, String key) {
    Entry entry = map.entry(key);
    return entry == null ? null : entry.value();
  }

  public @Nullable SourceNode required(MapNode map, String key, String what) {
    Entry entry = map.entry(key);
    if (entry == null) {
      error("missing-key", map.position(), what + " is missing required key '" + key + "'",
          "add '" + key + ":'");
      return null;
    }
    return entry.value();
  }

  /** A string scalar; plain YAML scalars that resolved to another type keep their source text. */
  public @Nullable Scalar string(@Nullable SourceNode node, String what) {
    if (node == null) {
      return null;
    }
    if (node instanceof Scalar scalar && scalar.kind() != ScalarKind.NULL) {
      return scalar;
    }
    error("wrong-type", node.position(), what + " must be a string, not " + node.describe(), null);
    return null;
  }

  public @Nullable Scalar string(MapNode map, String key, String what, boolean required) {
    SourceNode node = required ? required(map, key, what) : value(map, key);
    return string(node, "'" + key + "' of " + what);
  }

  public @Nullable Integer integer(MapNode map, String key, String what) {
    SourceNode node = value(map, key);
    if (node == null) {
      return null;
    }
    if (node instanceof Scalar scalar && scalar.kind() == ScalarKind.INTEGER) {
      try {
        return Integer.valueOf(scalar.text().replace("_", ""));
      } catch (NumberFormatException e) {
        error("wrong-type", node.position(), "'" + key + "' of " + what + " is out of range", null);
        return null;
      }
    }
    error("wrong-type", node.position(),
        "'" + key + "' of " + what + " must be an integer, not " + node.describe(), null);
    return null;
  }

  public @Nullable Boolean bool(MapNode map, String key, String what) {
    SourceNode node = value(map, key);
    if (node == null) {
      return null;
    }
    if (node instanceof Scalar scalar && scalar.kind() == ScalarKind.BOOLEAN) {
      return Boolean.valueOf(scalar.text().equalsIgnoreCase("true") || scalar.text().equalsIgnoreCase("yes")
          || scalar.text().equalsIgnoreCase("on") || scalar.text().equalsIgnoreCase("y"));
    }
    error("wrong-type", node.position(),
        "'" + key + "' of " + what + " must be true or false, not " + node.describe(), null);
    return null;
  }

  /** A list of string scalars; absent means empty. */
  public List<Scalar> stringList(MapNode map, String key, String what) {
    SourceNode node = value(map, key);
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof ListNode list)) {
      error("wrong-type", node.position(),
          "'" + key + "' of " + what + " must be a list, not " + node.describe(),
          "write it as a list, e.g. " + key + ": [" + (node instanceof Scalar s ? s.text() : "…") + "]");
      return List.of();
    }
    List<Scalar> items = new ArrayList<>();
    for (SourceNode item : list.items()) {
      Scalar scalar = string(item, "an item of '" + key + "' in " + what);
      if (scalar != null) {
        items.add(scalar);
      }
    }
    return items;
  }

  /**
   * The value of an optional key, or null when the key is absent or its value is null ({@code
   * "purpose": null}, YAML {@code purpose: ~} or {@code purpose:}): for optional keys of a request,
   * null means the same as leaving the key out.
   */
  public @Nullable SourceNode optional(MapNode map, String key) {
    SourceNode node = value(map, key);
    return node instanceof Scalar scalar && scalar.kind() == ScalarKind.NULL ? null : node;
  }

  /**
   * A strict string, as every string field of a request is: only a scalar that the file's syntax
   * makes a string (a JSON string; a quoted YAML scalar, or a plain one that resolves to no other
   * type). A number, boolean, null, YAML timestamp, list or mapping is reported as {@code
   * wrong-type} at the value's own position, saying how to write it as a string; values are never
   * coerced. Bundle files keep reading with {@link #string(SourceNode, String)}.
   */
  public @Nullable Scalar strictString(@Nullable SourceNode node, String what) {
    return strict(node, what, false);
  }

  /**
   * A strict string holding a date or timestamp: like {@link #strictString} but a YAML timestamp
   * ({@code at: 2026-11-24T10:00:00Z}, unquoted) is accepted too, with its source text.
   */
  public @Nullable Scalar strictTimestamp(@Nullable SourceNode node, String what) {
    return strict(node, what, true);
  }

  /**
   * A list of strict strings ({@link #strictString}); an absent key or a null value mean an empty
   * list. Every item of the wrong type is reported.
   */
  public List<Scalar> strictStringList(MapNode map, String key, String what) {
    SourceNode node = optional(map, key);
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof ListNode list)) {
      error("wrong-type", node.position(),
          "'" + key + "' of " + what + " must be a list of strings, not " + describeValue(node),
          "write it as a list, e.g. " + key + ": [" + (node instanceof Scalar s ? quoted(s.text()) : "…") + "]");
      return List.of();
    }
    List<Scalar> items = new ArrayList<>();
    for (SourceNode item : list.items()) {
      Scalar scalar = strictString(item, "an item of '" + key + "' in " + what);
      if (scalar != null) {
        items.add(scalar);
      }
    }
    return items;
  }

  private @Nullable Scalar strict(@Nullable SourceNode node, String what, boolean timestamp) {
    if (node == null) {
      return null;
    }
    if (node instanceof Scalar scalar
        && (scalar.kind() == ScalarKind.STRING || timestamp && scalar.kind() == ScalarKind.TIMESTAMP)) {
      return scalar;
    }
    error("wrong-type", node.position(), what + " must be a string, not " + describeValue(node),
        node instanceof Scalar scalar && scalar.kind() != ScalarKind.NULL
            ? "write it as a string: " + quoted(scalar.text()) : null);
    return null;
  }

  /**
   * What a value is, for a message about a value of the wrong type, with a scalar's text: "a
   * number (42)", "a boolean (NO)", "a timestamp (2026-11-24)", "null", "a list", "a mapping".
   */
  public static String describeValue(SourceNode node) {
    if (node instanceof Scalar scalar) {
      switch (scalar.kind()) {
        case NULL:
          return "null";
        case INTEGER:
        case FLOAT:
          return "a number (" + scalar.text() + ")";
        case BOOLEAN:
          return "a boolean (" + scalar.text() + ")";
        case TIMESTAMP:
          return "a timestamp (" + scalar.text() + ")";
        default:
          return "a string ('" + scalar.text() + "')";
      }
    }
    return node.describe();
  }

  /** {@code text} as a double-quoted string, valid in JSON and YAML alike. */
  public static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  public @Nullable ListNode list(@Nullable SourceNode node, String what) {
    if (node == null) {
      return null;
    }
    if (node instanceof ListNode list) {
      return list;
    }
    error("wrong-type", node.position(), what + " must be a list, not " + node.describe(), null);
    return null;
  }

  private static List<String> sorted(Collection<String> names) {
    List<String> list = new ArrayList<>(names);
    list.sort(null);
    return list;
  }
}
