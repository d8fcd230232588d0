package io.meshgov.engine.internal.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.meshgov.api.LoadLimits;
import io.meshgov.engine.internal.load.SourceNode.Entry;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode.ScalarKind;
import io.meshgov.engine.internal.load.SourceNode.ScalarStyle;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses JSON into {@link SourceNode}s with Jackson's streaming parser, rejecting duplicate keys. */
public final class JsonSourceReader {
  private final JsonFactory factory;
  private final LoadLimits limits;

  public JsonSourceReader(LoadLimits limits) {
    this.limits = limits;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .build())
        .build();
  }

  /** The document's root, or null after reporting why it could not be read. */
  public @Nullable SourceNode read(String file, String text, ProblemSink problems) {
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.error("empty-file", file, new Position(1, 1), "the file holds no JSON value", null);
        return null;
      }
      int[] nodes = {0};
      SourceNode root = readValue(file, parser, problems, nodes);
      if (root == null) {
        return null;
      }
      if (parser.nextToken() != null) {
        problems.error("json-syntax", file, position(parser.currentTokenLocation()),
            "unexpected content after the JSON value", "a file holds exactly one JSON value");
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      String code = message.contains("nesting depth") ? "limit-nesting-depth" : "json-syntax";
      problems.error(code, file, position(e.getLocation()), "invalid JSON: " + firstLine(message),
          code.equals("json-syntax") ? "fix the JSON syntax at this position"
              : "flatten the document, or raise the limit (LoadLimits.maxNestingDepth)");
      return null;
    } catch (IOException e) {
      problems.error("json-syntax", file, Position.UNKNOWN, "cannot read JSON: " + e.getMessage(), null);
      return null;
    }
  }

  private @Nullable SourceNode readValue(String file, JsonParser parser, ProblemSink problems, int[] nodes)
      throws IOException {
    if (++nodes[0] > limits.maxNodes()) {
      problems.error("limit-nodes", file, position(parser.currentTokenLocation()),
          "the document holds more than " + limits.maxNodes() + " values",
          "split the document, or raise the limit (LoadLimits.maxNodes)");
      return null;
    }
    Position at = position(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT: {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          Position keyPosition = position(parser.currentTokenLocation());
          parser.nextToken();
          SourceNode value = readValue(file, parser, problems, nodes);
          if (value == null) {
            return null;
          }
          Entry.putUnique(entries, new Entry(key, keyPosition, value), file, problems);
        }
        return new MapNode(at, entries);
      }
      case START_ARRAY: {
        List<SourceNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          SourceNode item = readValue(file, parser, problems, nodes);
          if (item == null) {
            return null;
          }
          items.add(item);
        }
        return new ListNode(at, items);
      }
      case VALUE_STRING:
        return new Scalar(at, parser.getText(), ScalarKind.STRING, ScalarStyle.QUOTED,
            new Position(at.line(), at.column() + 1));
      case VALUE_NUMBER_INT:
        return new Scalar(at, parser.getText(), ScalarKind.INTEGER, ScalarStyle.PLAIN, at);
      case VALUE_NUMBER_FLOAT:
        return new Scalar(at, parser.getText(), ScalarKind.FLOAT, ScalarStyle.PLAIN, at);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Scalar(at, parser.getText(), ScalarKind.BOOLEAN, ScalarStyle.PLAIN, at);
      case VALUE_NULL:
        return new Scalar(at, "null", ScalarKind.NULL, ScalarStyle.PLAIN, at);
      default:
        problems.error("json-syntax", file, at, "unexpected JSON token " + token, null);
        return null;
    }
  }

  private static Position position(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return Position.FILE;
    }
    return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
