package io.meshgov.engine.internal.load;

import io.meshgov.api.LoadLimits;
import io.meshgov.engine.internal.load.SourceNode.Entry;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode.ScalarKind;
import io.meshgov.engine.internal.load.SourceNode.ScalarStyle;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML into {@link SourceNode}s. Only SnakeYAML's composer runs: no object is ever
 * constructed from the document, so custom tags cannot instantiate anything, and every tag other
 * than the core scalar, mapping and sequence tags is rejected.
 */
final class YamlSourceReader {
  private final LoadLimits limits;

  YamlSourceReader(LoadLimits limits) {
    this.limits = limits;
  }

  /** The document's root, or null after reporting why it could not be read. */
  @Nullable SourceNode read(String file, String text, ProblemSink problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxNestingDepth());
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    Node root;
    try {
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      if (problem.contains("tag")) {
        int global = problem.indexOf("tag:yaml.org,2002:");
        String tag = global >= 0 ? "'!!" + problem.substring(global + "tag:yaml.org,2002:".length()).trim() + "'"
            : "(" + problem + ")";
        problems.error("yaml-tag", file, position(mark), "unsupported YAML tag " + tag,
            "remove the tag: bundles hold plain strings, numbers, booleans, lists and mappings only");
        return null;
      }
      String context = "";
      if (e.getContext() != null) {
        Mark contextMark = e.getContextMark();
        context = " (" + e.getContext().trim()
            + (contextMark != null && mark != null && contextMark.getLine() != mark.getLine()
                ? " at line " + (contextMark.getLine() + 1) + ", column " + (contextMark.getColumn() + 1) : "")
            + ")";
      }
      problems.error("yaml-syntax", file, position(mark), "invalid YAML: " + problem + context,
          "fix the YAML syntax at this position");
      return null;
    } catch (YAMLException e) {
      limitProblem(file, e, problems);
      return null;
    } catch (StackOverflowError e) {
      problems.error("limit-nesting-depth", file, Position.FILE,
          "the document nests too deeply", "flatten the document");
      return null;
    }
    if (root == null) {
      problems.error("empty-file", file, new Position(1, 1), "the file holds no document",
          "add apiVersion, kind and metadata, or delete the file");
      return null;
    }
    Converter converter = new Converter(file, text, problems);
    try {
      return converter.convert(root, 1);
    } catch (LimitExceeded e) {
      return null;
    }
  }

  private void limitProblem(String file, YAMLException e, ProblemSink problems) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("aliases")) {
      problems.error("limit-aliases", file, Position.FILE,
          "the document uses more than " + limits.maxAliases() + " aliases to collections",
          "expand the aliases, or raise the limit (LoadLimits.maxAliases)");
    } else if (message.contains("Nesting Depth")) {
      problems.error("limit-nesting-depth", file, Position.FILE,
          "the document nests deeper than " + limits.maxNestingDepth() + " levels",
          "flatten the document, or raise the limit (LoadLimits.maxNestingDepth)");
    } else if (message.contains("exceeds the limit")) {
      problems.error("limit-file-size", file, Position.FILE,
          "the file is larger than " + limits.maxFileBytes() + " bytes",
          "split the file, or raise the limit (LoadLimits.maxFileBytes)");
    } else {
      problems.error("yaml-syntax", file, Position.FILE, "invalid YAML: " + message, null);
    }
  }

  private static Position position(@Nullable Mark mark) {
    // SnakeYAML marks are 0-based; every position we report is 1-based
    return mark == null ? Position.UNKNOWN : new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceeded() {
      super(null, null, false, false);
    }
  }

  private final class Converter {
    private final String file;
    private final String[] lines;
    private final ProblemSink problems;
    private int nodes;

    Converter(String file, String text, ProblemSink problems) {
      this.file = file;
      this.lines = text.split("\r?\n", -1);
      this.problems = problems;
    }

    SourceNode convert(Node node, int depth) {
      // aliases share nodes, so an alias bomb is a small graph that expands into a huge tree
      if (++nodes > limits.maxNodes()) {
        problems.error("limit-nodes", file, position(node.getStartMark()),
            "the document expands to more than " + limits.maxNodes() + " values (aliases count as expanded)",
            "remove aliases, or raise the limit (LoadLimits.maxNodes)");
        throw new LimitExceeded();
      }
      if (depth > limits.maxNestingDepth()) {
        problems.error("limit-nesting-depth", file, position(node.getStartMark()),
            "the document nests deeper than " + limits.maxNestingDepth() + " levels",
            "flatten the document, or raise the limit (LoadLimits.maxNestingDepth)");
        throw new LimitExceeded();
      }
      if (node instanceof MappingNode mapping) {
        return convertMapping(mapping, depth);
      }
      if (node instanceof SequenceNode sequence) {
        checkTag(node, Tag.SEQ);
        List<SourceNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          items.add(convert(item, depth + 1));
        }
        return new ListNode(position(node.getStartMark()), items);
      }
      return convertScalar((ScalarNode) node);
    }

    private SourceNode convertMapping(MappingNode mapping, int depth) {
      checkTag(mapping, Tag.MAP);
      Map<String, Entry> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        Position keyPosition = position(keyNode.getStartMark());
        if (!(keyNode instanceof ScalarNode keyScalar)) {
          problems.error("yaml-key", file, keyPosition, "a mapping key must be a plain string",
              "write the key as a string");
          continue;
        }
        if (Tag.MERGE.equals(keyNode.getTag())) {
          problems.error("yaml-merge-key", file, keyPosition, "merge keys ('<<') are not supported",
              "write the keys out in full");
          continue;
        }
        Entry.putUnique(entries, new Entry(keyScalar.getValue(), keyPosition, convert(tuple.getValueNode(), depth + 1)),
            file, problems);
      }
      return new MapNode(position(mapping.getStartMark()), entries);
    }

    private SourceNode convertScalar(ScalarNode scalar) {
      Tag tag = scalar.getTag();
      ScalarKind kind;
      if (Tag.STR.equals(tag)) {
        kind = ScalarKind.STRING;
      } else if (Tag.INT.equals(tag)) {
        kind = ScalarKind.INTEGER;
      } else if (Tag.FLOAT.equals(tag)) {
        kind = ScalarKind.FLOAT;
      } else if (Tag.BOOL.equals(tag)) {
        kind = ScalarKind.BOOLEAN;
      } else if (Tag.NULL.equals(tag)) {
        kind = ScalarKind.NULL;
      } else if (Tag.TIMESTAMP.equals(tag)) {
        kind = ScalarKind.TIMESTAMP;
      } else {
        unsupportedTag(scalar);
        kind = ScalarKind.STRING;
      }
      Position start = position(scalar.getStartMark());
      DumperOptions.ScalarStyle style = scalar.getScalarStyle();
      ScalarStyle ourStyle;
      Position content;
      if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
        ourStyle = ScalarStyle.BLOCK;
        content = blockContentStart(start.line());
      } else if (style == DumperOptions.ScalarStyle.PLAIN) {
        ourStyle = ScalarStyle.PLAIN;
        content = start;
      } else {
        ourStyle = ScalarStyle.QUOTED;
        content = new Position(start.line(), start.column() + 1);
      }
      return new Scalar(start, scalar.getValue(), kind, ourStyle, content);
    }

    /** The first non-blank line after a block scalar's indicator, and its indentation. */
    private Position blockContentStart(int indicatorLine) {
      for (int index = indicatorLine; index < lines.length; index++) {
        String line = lines[index];
        if (!line.isBlank()) {
          int indent = 0;
          while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
          }
          return new Position(index + 1, indent + 1);
        }
      }
      return new Position(indicatorLine + 1, 1);
    }

    private void checkTag(Node node, Tag expected) {
      if (!expected.equals(node.getTag())) {
        unsupportedTag(node);
      }
    }

    private void unsupportedTag(Node node) {
      problems.error("yaml-tag", file, position(node.getStartMark()),
          "unsupported YAML tag '" + node.getTag().getValue() + "'",
          "remove the tag: bundles hold plain strings, numbers, booleans, lists and mappings only");
    }
  }
}
