package io.meshgov.cli;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.Severity;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --request FILE|-} for the commands that take one request: {@code explain}, {@code opa-input}. */
final class SingleRequestOption {
  @Option(names = "--request", required = true, paramLabel = "FILE|-",
      description = "A request (JSON object); - reads standard input.")
  String request;

  /**
   * The request, for {@code command}.
   *
   * @throws RequestException with the request's problems, or {@code batch-not-allowed} for a JSON array
   */
  AccessRequest read(GovernanceEngine engine, String command) {
    RequestReader.Requests requests = RequestFile.read(request, engine, System.in);
    if (requests.batch()) {
      throw new RequestException(List.of(new Problem(Severity.ERROR, "batch-not-allowed",
          RequestFile.name(request), 1, 1,
          command + " takes one request, not a batch of " + requests.items().size(),
          "pass a single request object; decide takes batches")));
    }
    RequestReader.Item item = requests.items().get(0);
    if (item.request() == null) {
      throw new RequestException(item.problems());
    }
    return item.request();
  }
}
