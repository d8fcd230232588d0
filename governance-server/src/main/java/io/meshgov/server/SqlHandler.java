package io.meshgov.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.Reason;
import io.meshgov.api.RequestException;
import io.meshgov.api.Severity;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlFragment;
import io.meshgov.sql.SqlRenderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/sql}: {@code {"request": {…}, "dialect": …, "table": …, "inline": …}} in, the
 * command line's {@code sql} output out (docs/sql.md). A deny is a 403 with the reasons; bad input
 * is a 400 with problems positioned in the body.
 */
final class SqlHandler implements Endpoint {
  /** Reads field by field: unlike {@link Json#MAPPER}, it must not treat the fields after a value as trailing text. */
  private static final ObjectMapper FIELDS = new ObjectMapper();

  private final GovernanceEngine engine;
  private final CountedDecisions decisions;

  SqlHandler(GovernanceEngine engine, CountedDecisions decisions) {
    this.engine = engine;
    this.decisions = decisions;
  }

  /** The body's fields; {@code requestText} is the body with everything but the request blanked out. */
  private record Body(@Nullable String requestText, @Nullable JsonNode dialect, @Nullable JsonNode table,
      @Nullable JsonNode inline, List<Problem> problems) {}

  @Override
  public Reply handle(Call call) {
    Body body = parse(call.bodyText());
    List<Problem> problems = new ArrayList<>(body.problems());
    SqlDialect dialect = null;
    if (problems.isEmpty()) {
      if (body.dialect() == null || !body.dialect().isTextual()) {
        problems.add(problem("missing-dialect", "'dialect' must be one of " + dialects(),
            "add \"dialect\": \"postgresql\", \"trino\" or \"spark\""));
      } else {
        dialect = SqlDialect.fromWireName(body.dialect().asText()).orElse(null);
        if (dialect == null) {
          problems.add(problem("unknown-dialect", "unknown dialect '" + body.dialect().asText() + "'",
              "use one of " + dialects()));
        }
      }
      if (body.table() != null && !body.table().isTextual() && !body.table().isNull()) {
        problems.add(problem("invalid-value", "'table' must be a string", "write [catalog.]schema.table"));
      }
      if (body.inline() != null && !body.inline().isBoolean() && !body.inline().isNull()) {
        problems.add(problem("invalid-value", "'inline' must be true or false", null));
      }
      if (body.requestText() == null) {
        problems.add(problem("missing-request", "the body has no 'request'", "add \"request\": {…}, a request object"));
      }
    }
    if (!problems.isEmpty() || dialect == null || body.requestText() == null) {
      return Json.problems(400, problems);
    }
    RequestReader reader = new RequestReader(engine.catalog(), engine.vocabulary(), LoadLimits.DEFAULTS);
    RequestReader.Requests requests = reader.read(DecideHandler.BODY_FILE, body.requestText());
    if (!requests.problems().isEmpty()) {
      return Json.problems(400, requests.problems());
    }
    if (requests.batch() || requests.items().size() != 1) {
      return Json.problems(400, List.of(problem("batch-not-allowed", "'request' must be one request object",
          "send one request per call")));
    }
    RequestReader.Item item = requests.items().get(0);
    if (item.request() == null) {
      return Json.problems(400, item.problems());
    }
    boolean inline = body.inline() != null && body.inline().asBoolean();
    String table = body.table() == null || body.table().isNull() ? null : body.table().asText();
    try {
      return render(item.request(), SqlRenderer.of(dialect), table, inline ? Rendering.INLINE : Rendering.BIND);
    } catch (RequestException e) {
      return Json.problems(400, e.problems());
    }
  }

  private Reply render(AccessRequest request, SqlRenderer renderer, @Nullable String table, Rendering rendering) {
    String dialect = renderer.dialect().wireName();
    DataProduct product = request.inlineProduct() != null
        ? request.inlineProduct()
        : engine.product(request.productId()).orElse(null);
    String target = table != null ? table : product == null ? null : product.bindings().get(dialect);
    if (product != null && target == null) {
      // checked before deciding, as the command line does, so an unanswerable request leaves no audit record
      return Json.problems(400, List.of(problem("no-table", "data product " + product.id() + " has no '"
          + dialect + "' binding", "pass \"table\", or add bindings: {" + dialect + ": schema.table} to the product")));
    }
    if (target != null) {
      try {
        renderer.table(target);
      } catch (IllegalArgumentException e) {
        return Json.problems(400, List.of(problem("invalid-table", e.getMessage(), "write [catalog.]schema.table")));
      }
    }
    Decision decision = decisions.decide("sql", request);
    if (!decision.isPermitted()) {
      return denied(decision, null);
    }
    SqlFragment sql;
    try {
      sql = renderer.query(decision, product, target, rendering);
    } catch (IllegalArgumentException e) {
      // no SQL is the closed answer: nothing the gateway could run would be exact
      return denied(decision, "decision " + decision.decisionId() + " has no SQL: " + e.getMessage());
    }
    return Reply.json(200, SqlJson.output(sql, decision));
  }

  /** {@code {"decisionId", "reasons": [{"rule", "message"}]}}, and {@code error} when a permit has no SQL. */
  private static Reply denied(Decision decision, @Nullable String error) {
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (Reason reason : decision.reasons()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("rule", reason.rule().toString());
      entry.put("message", reason.message());
      reasons.add(entry);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("decisionId", decision.decisionId());
    answer.put("reasons", reasons);
    if (error != null) {
      answer.put("error", error);
    }
    return Reply.json(403, answer);
  }

  /**
   * Reads the body's fields. The request is handed to {@link RequestReader} as the body with every
   * character outside the request's object turned into a space (line breaks kept), so the problems
   * the reader reports point at the right line and column of the body the client sent.
   */
  private static Body parse(String text) {
    JsonNode dialect = null;
    JsonNode table = null;
    JsonNode inline = null;
    String requestText = null;
    List<Problem> problems = new ArrayList<>();
    try (JsonParser parser = FIELDS.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new Body(null, null, null, null, List.of(at(parser.currentTokenLocation(), "invalid-body",
            "the body must be a JSON object", "send {\"request\": {…}, \"dialect\": \"…\"}")));
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonLocation fieldAt = parser.currentTokenLocation();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "request" -> {
            int start = (int) parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            int end = (int) parser.currentLocation().getCharOffset();
            requestText = blankOutside(text, start, end);
          }
          case "dialect" -> dialect = parser.readValueAsTree();
          case "table" -> table = parser.readValueAsTree();
          case "inline" -> inline = parser.readValueAsTree();
          default -> {
            problems.add(at(fieldAt, "unknown-key", "unknown key '" + field + "'",
                "the body takes request, dialect, table and inline"));
            if (value.isStructStart()) {
              parser.skipChildren();
            }
          }
        }
      }
      if (parser.nextToken() != null) {
        problems.add(at(parser.currentTokenLocation(), "invalid-body", "text after the body's object", null));
      }
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      return new Body(null, null, null, null, List.of(where == null
          ? problem("invalid-json", "not JSON: " + e.getOriginalMessage(), null)
          : at(where, "invalid-json", "not JSON: " + e.getOriginalMessage(), null)));
    } catch (IOException e) {
      // the parser reads a String: there is no I/O to fail
      throw new IllegalStateException(e);
    }
    return new Body(requestText, dialect, table, inline, problems);
  }

  private static String blankOutside(String text, int start, int end) {
    StringBuilder blanked = new StringBuilder(end);
    for (int i = 0; i < start; i++) {
      char c = text.charAt(i);
      blanked.append(c == '\n' || c == '\r' ? c : ' ');
    }
    return blanked.append(text, start, end).toString();
  }

  private static Problem at(JsonLocation where, String code, String message, @Nullable String help) {
    return new Problem(Severity.ERROR, code, DecideHandler.BODY_FILE, Math.max(0, where.getLineNr()),
        Math.max(0, where.getColumnNr()), message, help);
  }

  private static Problem problem(String code, String message, @Nullable String help) {
    return new Problem(Severity.ERROR, code, DecideHandler.BODY_FILE, 0, 0, message, help);
  }

  private static String dialects() {
    return Arrays.stream(SqlDialect.values()).map(SqlDialect::wireName).collect(Collectors.joining(", "));
  }
}
