package io.meshgov.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgov.server.trino.TrinoRoute;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /trino/{route}}: the body, parsed (null when it is not JSON), goes to the Trino
 * answers, whose JSON is the 200 reply. Should they throw anyway, the reply is the closed answer
 * built here (docs/server.md, "Closed answers").
 */
final class TrinoHandler implements Endpoint {
  static final String PREFIX = "/trino/";
  private static final Logger LOG = LoggerFactory.getLogger(TrinoHandler.class);

  private final TrinoAnswers answers;

  TrinoHandler(TrinoAnswers answers) {
    this.answers = answers;
  }

  /** The route a path names, e.g. {@code /trino/batch}; empty for any other path. */
  static Optional<TrinoRoute> route(String path) {
    return path.startsWith(PREFIX) ? TrinoRoute.fromPath(path.substring(PREFIX.length())) : Optional.empty();
  }

  @Override
  public Reply handle(Call call) {
    TrinoRoute route = route(call.path()).orElse(null);
    if (route == null) {
      return Reply.error(404, "no-route", "no Trino route " + call.path() + "; the routes are /trino/allow, "
          + "/trino/batch, /trino/rowFilters, /trino/batchColumnMasks and /trino/columnMask");
    }
    JsonNode body = parse(call.body());
    JsonNode answer;
    try {
      answer = answers.answer(route, body);
    } catch (RuntimeException e) {
      LOG.error("Trino answers failed on /trino/{}; answering closed", route.path(), e);
      return closed(route);
    }
    if (answer == null) {
      LOG.error("Trino answers gave no answer on /trino/{}; answering closed", route.path());
      return closed(route);
    }
    return Reply.json(200, Json.write(answer));
  }

  private static @Nullable JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Deny, keep nothing, filter every row out; a mask has no closed answer Trino would take (no mask
   * means the clear value), so those routes fail the call, and Trino fails the query.
   */
  static Reply closed(TrinoRoute route) {
    return switch (route) {
      case ALLOW -> Reply.json(200, Map.of("result", false));
      case BATCH -> Reply.json(200, Map.of("result", List.of()));
      case ROW_FILTERS -> Reply.json(200, Map.of("result", List.of(Map.of("expression", "false"))));
      case BATCH_COLUMN_MASKS, COLUMN_MASK -> Reply.error(503, "trino-unavailable",
          "no column mask could be decided; the query must fail");
    };
  }
}
