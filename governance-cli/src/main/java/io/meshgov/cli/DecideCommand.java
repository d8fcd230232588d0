package io.meshgov.cli;

import io.meshgov.api.Decision;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.DecidedBatch;
import io.meshgov.engine.json.DecisionJson;
import io.meshgov.engine.json.RequestReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "decide", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Decide a request, or a batch of requests, and print the decision JSON.",
        "Exit 0 for permit and deny alike; 2 for a bad bundle or request (a bad batch item gives "
            + "{\"index\": i, \"error\": \"…\"} in its place).",
        "Without an OPA URL (--opa-url or $MESHGOV_OPA_URL), OPA-backed policy sets deny every request they match."})
final class DecideCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Mixin RequestOrBatchOption request;

  @Mixin AuditOption audit;

  @Mixin OpaConnectionOptions opa;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    // the sink is opened last, so a bad OPA setting leaves no audit file behind
    builder.auditSink(audit.open());
    try (GovernanceEngine engine = builder.build()) {
      RequestReader.Requests requests = request.read(engine);
      if (!requests.batch()) {
        RequestReader.Item item = requests.items().get(0);
        if (item.request() == null) {
          throw new RequestException(item.problems());
        }
        Decision decision = engine.decide(item.request());
        out.println(DecisionJson.write(decision, true));
        out.flush();
        return GovernanceCli.OK;
      }
      // valid items are decided together, so the OPA calls of a batch overlap (decideAll)
      DecidedBatch batch = DecidedBatch.decide(requests.items(), engine::decideAll);
      boolean bad = false;
      for (List<Problem> problems : batch.errors()) {
        if (problems != null) {
          bad = true;
          for (Problem problem : problems) {
            err.println(problem.format());
          }
        }
      }
      out.println(batch.toJson(true));
      out.flush();
      err.flush();
      return bad ? GovernanceCli.BAD_INPUT : GovernanceCli.OK;
    }
  }
}
