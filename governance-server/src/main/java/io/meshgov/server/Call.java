package io.meshgov.server;

import java.nio.charset.StandardCharsets;

/** One HTTP request as an endpoint sees it: already read, within the size limit. */
record Call(String method, String path, byte[] body) {
  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
