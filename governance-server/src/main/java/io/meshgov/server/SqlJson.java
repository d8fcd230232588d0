package io.meshgov.server;

import io.meshgov.api.Decision;
import io.meshgov.sql.SqlFragment;
import io.meshgov.sql.SqlParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of rendered SQL, {@code {"sql", "parameters": [{"type", "value"}], "decisionId"}}
 * (docs/sql.md): one definition for the command line's {@code sql} and the server's
 * {@code /v1/sql}, so the two can never answer differently.
 */
public final class SqlJson {
  private SqlJson() {}

  /** The output as maps and lists in the documented field order, for any Jackson mapper to write. */
  public static Map<String, Object> output(SqlFragment sql, Decision decision) {
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (SqlParameter parameter : sql.parameters()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", parameter.type().wireName());
      entry.put("value", jsonValue(parameter.value()));
      parameters.add(entry);
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("sql", sql.sql());
    output.put("parameters", parameters);
    output.put("decisionId", decision.decisionId());
    return output;
  }

  /** Instants as ISO-8601 text; NaN and the infinities, which JSON numbers cannot be, as text. */
  private static Object jsonValue(Object value) {
    if (value instanceof Double number && !Double.isFinite(number)) {
      return number.toString();
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    return value;
  }
}
