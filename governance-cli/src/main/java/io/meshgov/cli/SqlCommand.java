package io.meshgov.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Reason;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.server.SqlJson;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlFragment;
import io.meshgov.sql.SqlRenderer;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Decide a request and print the SQL that reads the product as the decision allows: "
        + "{\"sql\": \"…\", \"parameters\": [{\"type\": …, \"value\": …}], \"decisionId\": \"…\"}.",
        "Masked columns are expressions giving exactly the Java mask's value; row filters and the retention "
            + "cutoff form the WHERE clause; values are bind parameters (?), in order.",
        "Exit 0 with SQL; 3 for a denied request (reasons on stderr); 2 for a bad bundle, request or table."})
final class SqlCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin BundleOption bundle;

  @Mixin SingleRequestOption request;

  @Option(names = "--dialect", required = true, paramLabel = "DIALECT",
      description = "postgresql, trino or spark.")
  String dialect;

  @Option(names = "--table", paramLabel = "TABLE",
      description = "The table to read, [catalog.]schema.table; default: the product's binding for the dialect.")
  String table;

  @Option(names = "--inline",
      description = "Write values as escaped literals instead of bind parameters, for engines that take "
          + "an SQL string only; parameters is then empty.")
  boolean inline;

  @Mixin AuditOption audit;

  @Mixin OpaConnectionOptions opa;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SqlDialect sqlDialect = SqlDialect.fromWireName(dialect).orElse(null);
    if (sqlDialect == null) {
      err.println("error: unknown dialect '" + dialect + "'; use one of "
          + Arrays.stream(SqlDialect.values()).map(SqlDialect::wireName).collect(Collectors.joining(", ")));
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    GovernanceEngine.Builder builder = GovernanceEngine.builder().bundle(bundle.directory());
    opa.settings(System.getenv()).ifPresent(builder::opa);
    builder.auditSink(audit.open());
    try (GovernanceEngine engine = builder.build()) {
      AccessRequest accessRequest = request.read(engine, "sql");
      DataProduct product = accessRequest.inlineProduct() != null
          ? accessRequest.inlineProduct()
          : engine.product(accessRequest.productId()).orElse(null);
      String target = table != null ? table : product == null ? null
          : product.bindings().get(sqlDialect.wireName());
      if (product != null && target == null) {
        // checked before deciding, so that a request that cannot be answered leaves no audit record
        err.println("error: data product " + product.id() + " has no '" + sqlDialect.wireName() + "' binding; pass --table, "
            + "or add bindings: {" + sqlDialect.wireName() + ": schema.table} to the product");
        err.flush();
        return GovernanceCli.BAD_INPUT;
      }
      SqlRenderer renderer = SqlRenderer.of(sqlDialect);
      if (target != null) {
        try {
          renderer.table(target);
        } catch (IllegalArgumentException e) {
          err.println("error: " + e.getMessage());
          err.flush();
          return GovernanceCli.BAD_INPUT;
        }
      }
      Decision decision = engine.decide(accessRequest);
      if (!decision.isPermitted()) {
        printReasons(err, decision);
        return GovernanceCli.DENIED;
      }
      SqlFragment sql;
      try {
        sql = renderer.query(decision, product, target, inline ? Rendering.INLINE : Rendering.BIND);
      } catch (IllegalArgumentException e) {
        // no SQL is the closed answer: nothing the gateway could run would be exact
        err.println("error: decision " + decision.decisionId() + " has no SQL: " + e.getMessage());
        err.flush();
        return GovernanceCli.DENIED;
      }
      // the shape /v1/sql answers too: one definition, in governance-server
      out.println(JSON.writeValueAsString(SqlJson.output(sql, decision)));
      out.flush();
      return GovernanceCli.OK;
    }
  }

  private static void printReasons(PrintWriter err, Decision decision) {
    err.println("denied: decision " + decision.decisionId() + " on " + decision.product().id());
    for (Reason reason : decision.reasons()) {
      err.println("  " + reason.rule() + ": " + reason.message());
    }
    err.flush();
  }
}
