package io.meshgov.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small OkHttp client for the tests: status, body text and body JSON of each call. */
final class Http {
  record Answer(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private static final MediaType JSON = MediaType.get("application/json");
  private final OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
  private final String base;

  Http(String base) {
    this.base = base;
  }

  Answer get(String path) {
    return call(new Request.Builder().url(base + path).get().build());
  }

  Answer post(String path, String body) {
    return call(new Request.Builder().url(base + path).post(RequestBody.create(body, JSON)).build());
  }

  Answer post(String path, byte[] body) {
    return call(new Request.Builder().url(base + path).post(RequestBody.create(body, JSON)).build());
  }

  static String sample(String name) {
    try {
      return Files.readString(Path.of("../samples/requests").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer call(Request request) {
    try (Response response = client.newCall(request).execute()) {
      String type = response.header("Content-Type", "");
      return new Answer(response.code(), response.body().string(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
