package io.meshgov.engine.json;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.DataProduct;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode;
import io.meshgov.engine.internal.load.SourceReader;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.validate.RequestParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads requests (docs/request-and-decision.md) from JSON or YAML, one object or an array of them (a batch), checking
 * them against a catalog so that an unknown product or column is reported at its {@code
 * file:line:column}. Thread-safe.
 */
public final class RequestReader {
  private final RequestParser parser;
  private final SourceReader sourceReader;

  /** Reads requests against {@code catalog}, the products by id (e.g. {@code GovernanceEngine.catalog()}). */
  public RequestReader(Map<String, DataProduct> catalog, LoadLimits limits) {
    this(catalog, Vocabulary.NONE, limits);
  }

  /**
   * Reads requests against {@code catalog} and {@code vocabulary} (e.g. {@code GovernanceEngine.vocabulary()}): a
   * purpose the vocabulary does not declare is reported at its position.
   */
  public RequestReader(Map<String, DataProduct> catalog, Vocabulary vocabulary, LoadLimits limits) {
    this.parser = new RequestParser(catalog, vocabulary);
    this.sourceReader = new SourceReader(limits);
  }

  /** One request of a batch: the request, or the problems that reject it. */
  public record Item(@Nullable AccessRequest request, List<Problem> problems) {
    public Item {
      problems = List.copyOf(problems);
    }
  }

  /** What a file held: one request or a batch; {@code problems} are the file's own (syntax). */
  public record Requests(boolean batch, List<Item> items, List<Problem> problems) {
    public Requests {
      items = List.copyOf(items);
      problems = List.copyOf(problems);
    }
  }

  /** Reads a request file's text: one request object, or an array of them (a batch). */
  public Requests read(String file, String text) {
    ProblemSink fileProblems = new ProblemSink();
    SourceNode root = sourceReader.read(file, text, fileProblems);
    if (root == null) {
      return new Requests(false, List.of(), fileProblems.problems());
    }
    if (root instanceof ListNode list) {
      List<Item> items = new ArrayList<>();
      for (SourceNode node : list.items()) {
        items.add(item(file, node));
      }
      return new Requests(true, items, List.of());
    }
    return new Requests(false, List.of(item(file, root)), List.of());
  }

  private Item item(String file, SourceNode node) {
    ProblemSink problems = new ProblemSink();
    AccessRequest request = parser.read(file, node, problems);
    return new Item(problems.hasErrors() ? null : request, problems.problems());
  }
}
