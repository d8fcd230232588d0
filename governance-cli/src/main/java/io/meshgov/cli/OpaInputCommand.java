package io.meshgov.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshgov.api.OpaQuery;
import io.meshgov.engine.GovernanceEngine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "opa-input", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Print the input document meshgov sends an OPA-backed policy set for a request, without "
        + "calling OPA, so a Rego author can run: opa eval -i input.json 'data.<path>'.",
        "The document is the value of \"input\" in the POST body, byte for byte unless --pretty. A line on "
            + "stderr names the set and the URL the body would be POSTed to: <opa-url>/v1/data/<path> without "
            + "--opa-url or $MESHGOV_OPA_URL.",
        "Exit 0 when printed; 1 when no OPA-backed set applies to the request, or several do and "
            + "--policy-set does not pick one; 2 for a bad bundle or request."})
final class OpaInputCommand implements Callable<Integer> {
  @Mixin BundleOption bundle;

  @Mixin SingleRequestOption request;

  @Mixin OpaUrlOption opa;

  @Option(names = "--policy-set", paramLabel = "ID", description = "The OPA-backed policy set, when several apply.")
  @Nullable String policySet;

  @Option(names = "--pretty", description = "Indent the JSON.")
  boolean pretty;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    try (GovernanceEngine engine = builder.build()) {
      List<OpaQuery> queries = engine.opaQueries(request.read(engine, "opa-input"));
      List<OpaQuery> chosen = new ArrayList<>();
      for (OpaQuery query : queries) {
        if (policySet == null || query.policySet().equals(policySet)) {
          chosen.add(query);
        }
      }
      if (chosen.size() != 1) {
        List<String> ids = queries.stream().map(OpaQuery::policySet).toList();
        err.println(queries.isEmpty() ? "no OPA-backed policy set applies to this request"
            : chosen.isEmpty() ? "policy set '" + policySet + "' is not consulted for this request; these are: "
                + String.join(", ", ids)
            : "several OPA-backed policy sets apply (" + String.join(", ", ids) + "); pick one with --policy-set");
        err.flush();
        return GovernanceCli.FAILED;
      }
      OpaQuery query = chosen.get(0);
      err.println("# " + query.policySet() + "@" + query.version() + " -> POST "
          + (query.url() != null ? query.url() : "<opa-url>/v1/data/" + query.path()));
      err.flush();
      out.println(pretty ? new ObjectMapper().readTree(query.input()).toPrettyString() : query.input());
      out.flush();
      return GovernanceCli.OK;
    }
  }
}
