package io.meshgov.cli;

import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import picocli.CommandLine.Option;

/** {@code --request FILE|-} for {@code decide}, which also takes a batch. */
final class RequestOrBatchOption {
  @Option(names = "--request", required = true, paramLabel = "FILE|-",
      description = "A request (JSON object) or a batch (JSON array); - reads standard input.")
  String request;

  /** The request or batch; see {@link RequestFile#read}. */
  RequestReader.Requests read(GovernanceEngine engine) {
    return RequestFile.read(request, engine, System.in);
  }
}
