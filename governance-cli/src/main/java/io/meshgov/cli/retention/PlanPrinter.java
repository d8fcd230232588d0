package io.meshgov.cli.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RuleReference;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlFragment;
import io.meshgov.sql.SqlParameter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Prints a retention plan as text (for people), JSON (for tools) or SQL (runnable, values inline). */
public final class PlanPrinter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SqlDialect dialect;
  private final Instant at;
  private final String bundleDigest;

  public PlanPrinter(SqlDialect dialect, Instant at, String bundleDigest) {
    this.dialect = dialect;
    this.at = at;
    this.bundleDigest = bundleDigest;
  }

  public void text(List<ProductPlan> plans, PrintWriter out) {
    out.println("retention plan at " + at + " for " + dialect.wireName() + ", bundle " + bundleDigest);
    for (ProductPlan plan : plans) {
      out.println(plan.name() + ": " + PlanDescription.of(plan, dialect.wireName()));
      if (plan.statements() != null) {
        for (SqlFragment statement : plan.statements().statements()) {
          out.println("  " + statement.sql());
          if (!statement.parameters().isEmpty()) {
            out.println("    parameters: " + parameters(statement));
          }
        }
      }
    }
    out.flush();
  }

  /**
   * Runnable SQL with the values inline (the plan must have been made with {@code Rendering.INLINE}):
   * each due product in its own transaction, every other product as a comment saying why.
   */
  public void sql(List<ProductPlan> plans, PrintWriter out) {
    out.println("-- retention plan at " + at + " for " + dialect.wireName() + ", bundle " + bundleDigest);
    for (ProductPlan plan : plans) {
      out.println("-- " + plan.name() + ": " + PlanDescription.of(plan, dialect.wireName()).replaceAll("[\\r\\n\\u2028\\u2029\\u0085]", " "));
      if (plan.statements() == null) {
        continue;
      }
      // Spark SQL has no multi-statement transactions; its table formats commit each statement
      boolean transactional = dialect != SqlDialect.SPARK;
      if (transactional) {
        out.println("START TRANSACTION;");
      }
      for (SqlFragment statement : plan.statements().statements()) {
        if (!statement.parameters().isEmpty()) {
          throw new IllegalArgumentException("the SQL form needs a plan rendered inline");
        }
        out.println(statement.sql() + ";");
      }
      if (transactional) {
        out.println("COMMIT;");
      }
    }
    out.flush();
  }

  public void json(List<ProductPlan> plans, PrintWriter out) throws JsonProcessingException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("at", at.toString());
    document.put("dialect", dialect.wireName());
    document.put("bundleDigest", bundleDigest);
    List<Map<String, Object>> products = new ArrayList<>();
    for (ProductPlan plan : plans) {
      products.add(json(plan));
    }
    document.put("products", products);
    out.println(JSON.writeValueAsString(document));
    out.flush();
  }

  private static Map<String, Object> json(ProductPlan plan) {
    RetentionJob job = plan.job();
    RetentionObligation retention = job.retention();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("product", plan.product().id());
    entry.put("version", plan.product().version());
    entry.put("status", plan.status().wireName());
    entry.put("table", plan.table());
    entry.put("archiveTable", plan.archiveTable());
    entry.put("basis", retention == null ? null : retention.basis());
    entry.put("action", retention == null || retention.action() == null ? null : retention.action().wireName());
    entry.put("cutoff", retention == null || retention.cutoff() == null ? null : retention.cutoff().toString());
    entry.put("maximum", retention == null || retention.maximum() == null ? null : retention.maximum().toString());
    entry.put("maximumRule", rule(job.maximumRule()));
    entry.put("minimum", retention == null || retention.minimum() == null ? null : retention.minimum().toString());
    entry.put("minimumRule", rule(job.minimumRule()));
    entry.put("legalHoldRules", job.legalHoldRules().stream().map(RuleReference::toString).toList());
    entry.put("anonymizeColumns", job.anonymizeColumns());
    entry.put("rules", job.rules().stream().map(RuleReference::toString).toList());
    List<Map<String, Object>> statements = new ArrayList<>();
    if (plan.statements() != null) {
      plan.statements().statements().forEach(statement -> statements.add(fragment(statement)));
    }
    entry.put("statements", statements);
    entry.put("countRows", plan.statements() == null ? null : fragment(plan.statements().countRows()));
    entry.put("error", plan.error());
    return entry;
  }

  private static @Nullable String rule(@Nullable RuleReference rule) {
    return rule == null ? null : rule.toString();
  }

  private static Map<String, Object> fragment(SqlFragment fragment) {
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (SqlParameter parameter : fragment.parameters()) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("type", parameter.type().wireName());
      value.put("value", parameter.value() instanceof Instant instant ? instant.toString() : parameter.value());
      parameters.add(value);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("sql", fragment.sql());
    entry.put("parameters", parameters);
    return entry;
  }

  private static String parameters(SqlFragment statement) {
    List<String> values = new ArrayList<>();
    for (SqlParameter parameter : statement.parameters()) {
      values.add(parameter.type().wireName() + " " + parameter.value());
    }
    return String.join(", ", values);
  }
}
