package io.meshgov.cli;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditSink;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.Severity;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.JsonLinesAuditSink;
import io.meshgov.engine.json.RequestReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code decide}, {@code explain} and {@code opa-input} share: bundle, request, audit file, OPA. */
final class RequestInput {
  @Mixin BundleOption bundle;

  @Option(names = "--request", required = true, paramLabel = "FILE|-",
      description = "A request (JSON object) or a batch (JSON array); - reads standard input.")
  String request;

  @Option(names = "--audit", paramLabel = "FILE", description = "Append one audit record per decision (JSON Lines).")
  @Nullable Path audit;

  @Mixin OpaOptions opa;

  GovernanceEngine engine() {
    return engine(true);
  }

  /** The engine; without {@code audited}, as for a command that decides nothing, no audit file is opened. */
  GovernanceEngine engine(boolean audited) {
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    // the sink is opened last, so a bad OPA setting leaves no audit file behind
    builder.auditSink(audit == null || !audited ? AuditSink.discarding() : JsonLinesAuditSink.open(audit));
    return builder.build();
  }

  RequestReader.Requests read(GovernanceEngine engine, InputStream stdin) {
    String name = request.equals("-") ? "<stdin>" : request;
    String text;
    try {
      text = request.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(request), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RequestException(List.of(new Problem(Severity.ERROR, "io-error", name, 0, 0,
          "cannot read the request: " + e.getMessage(), "check the path")));
    }
    RequestReader.Requests requests = new RequestReader(engine.catalog(), LoadLimits.REQUESTS).read(name, text);
    if (!requests.problems().isEmpty()) {
      throw new RequestException(requests.problems());
    }
    return requests;
  }

  /** The single request of a non-batch input for {@code command}, or the exception carrying its problems. */
  AccessRequest single(RequestReader.Requests requests, String command) {
    if (requests.batch()) {
      throw new RequestException(List.of(new Problem(Severity.ERROR, "batch-not-allowed",
          request.equals("-") ? "<stdin>" : request, 1, 1,
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
