package io.meshgov.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgov.api.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's one Jackson mapper, and the JSON form of problems every endpoint answers bad input with. */
final class Json {
  /** Trailing text after the value is an error, so "{} xyz" is not read as "{}". */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // only maps, lists, strings, numbers and booleans are written: this is a programming error
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** {@code {"problems": [{"file", "line", "column", "code", "message", "help"}, …]}}. */
  static Reply problems(int status, List<Problem> problems) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Problem problem : problems) {
      list.add(problem(problem));
    }
    return Reply.json(status, Map.of("problems", list));
  }

  static Map<String, Object> problem(Problem problem) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("file", problem.file());
    entry.put("line", problem.line());
    entry.put("column", problem.column());
    entry.put("code", problem.code());
    entry.put("message", problem.message());
    entry.put("help", problem.help());
    return entry;
  }
}
