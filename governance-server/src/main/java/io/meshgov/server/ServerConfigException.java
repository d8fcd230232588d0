package io.meshgov.server;

import java.util.List;

/** The server's settings cannot be used: every problem found, each naming where the value came from. */
public final class ServerConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ServerConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line each, e.g. {@code server.yaml:3:1: unknown key 'prot'; …} or {@code --port: 'x' is not a port}. */
  public List<String> problems() {
    return problems;
  }
}
