package io.meshgov.api;

import java.util.Objects;

/**
 * The request of one PolicyTest case, with where the case is: for tools that decide a bundle's
 * test requests under another bundle (docs/cli.md, impact).
 */
public record PolicyTestRequest(String file, int line, String name, AccessRequest request) {
  public PolicyTestRequest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(request, "request");
  }
}
