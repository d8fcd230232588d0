package io.meshgov.cli;

import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.Severity;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the value of {@code --request}: a file, or {@code -} for standard input. */
final class RequestFile {
  private RequestFile() {}

  /** How problems name the request: its path, or {@code <stdin>}. */
  static String name(String request) {
    return request.equals("-") ? "<stdin>" : request;
  }

  /**
   * The request or batch, checked against the engine's catalog.
   *
   * @throws RequestException if the file cannot be read or is not a request or batch at all; a bad
   *     item of a batch is left in the result for the caller to report in its place
   */
  static RequestReader.Requests read(String request, GovernanceEngine engine, InputStream stdin) {
    String name = name(request);
    String text;
    try {
      text = request.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(request), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RequestException(List.of(new Problem(Severity.ERROR, "io-error", name, 0, 0,
          "cannot read the request: " + e.getMessage(), "check the path")));
    }
    RequestReader.Requests requests = new RequestReader(engine.catalog(), engine.vocabulary(), LoadLimits.REQUESTS).read(name, text);
    if (!requests.problems().isEmpty()) {
      throw new RequestException(requests.problems());
    }
    return requests;
  }
}
