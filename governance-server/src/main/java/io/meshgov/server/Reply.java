package io.meshgov.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: a status and a body; the server writes it, logs it and counts it. */
record Reply(int status, String contentType, byte[] body) {
  static final String JSON = "application/json";

  static Reply json(int status, String json) {
    return new Reply(status, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  static Reply json(int status, Object value) {
    return json(status, Json.write(value));
  }

  /** {@code {"error": {"code": …, "message": …}}}: the answer to a call the server could not serve. */
  static Reply error(int status, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    return json(status, Map.of("error", error));
  }
}
