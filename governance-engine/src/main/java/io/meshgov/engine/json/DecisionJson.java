package io.meshgov.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.Decision;
import io.meshgov.api.Problem;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes decisions as the JSON of docs/request-and-decision.md, fields in the documented order. Thread-safe. */
public final class DecisionJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private DecisionJson() {}

  public static String write(Decision decision, boolean pretty) {
    return generate(pretty, generator -> writeDecision(generator, decision));
  }

  /** A batch: decisions, with {@code {"index": i, "error": "…"}} for a rejected item (null decision). */
  public static String writeBatch(List<@Nullable Decision> decisions, List<@Nullable List<Problem>> errors,
      boolean pretty) {
    return generate(pretty, generator -> {
      generator.writeStartArray();
      for (int i = 0; i < decisions.size(); i++) {
        Decision decision = decisions.get(i);
        if (decision != null) {
          writeDecision(generator, decision);
        } else {
          generator.writeStartObject();
          generator.writeNumberField("index", i);
          generator.writeStringField("error", describe(errors.get(i)));
          generator.writeEndObject();
        }
      }
      generator.writeEndArray();
    });
  }

  private static String describe(@Nullable List<Problem> problems) {
    if (problems == null || problems.isEmpty()) {
      return "invalid request";
    }
    StringBuilder text = new StringBuilder();
    for (Problem problem : problems) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(problem.file()).append(':').append(problem.line()).append(':').append(problem.column())
          .append(": ").append(problem.message());
    }
    return text.toString();
  }

  private interface Body {
    void write(JsonGenerator generator) throws IOException;
  }

  private static String generate(boolean pretty, Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      if (pretty) {
        generator.setPrettyPrinter(new DefaultPrettyPrinter());
      }
      body.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static void writeDecision(JsonGenerator out, Decision decision) throws IOException {
    out.writeStartObject();
    out.writeStringField("decisionId", decision.decisionId());
    out.writeStringField("effect", decision.effect().wireName());
    out.writeObjectFieldStart("product");
    out.writeStringField("id", decision.product().id());
    out.writeStringField("version", decision.product().version());
    out.writeEndObject();
    out.writeArrayFieldStart("columns");
    for (ColumnDecision column : decision.columns()) {
      out.writeStartObject();
      out.writeStringField("name", column.name());
      out.writeStringField("effect", column.effect().wireName());
      if (column.mask() != null) {
        out.writeStringField("method", column.mask().method().wireName());
        Map<String, Object> params = column.mask().publicParameters();
        if (!params.isEmpty()) {
          out.writeObjectFieldStart("params");
          for (Map.Entry<String, Object> param : params.entrySet()) {
            if (param.getValue() instanceof Integer number) {
              out.writeNumberField(param.getKey(), number);
            } else {
              out.writeStringField(param.getKey(), String.valueOf(param.getValue()));
            }
          }
          out.writeEndObject();
        }
      }
      writeRule(out, column.rule());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeArrayFieldStart("rowFilters");
    for (RowFilter filter : decision.rowFilters()) {
      out.writeStartObject();
      writeRule(out, filter.rule());
      out.writeStringField("expression", filter.expression());
      out.writeEndObject();
    }
    out.writeEndArray();
    RetentionObligation retention = decision.retention();
    if (retention == null) {
      out.writeNullField("retention");
    } else {
      out.writeObjectFieldStart("retention");
      writeNullable(out, "basis", retention.basis());
      writeNullable(out, "minimum", retention.minimum() == null ? null : retention.minimum().toString());
      writeNullable(out, "maximum", retention.maximum() == null ? null : retention.maximum().toString());
      writeNullable(out, "action", retention.action() == null ? null : retention.action().wireName());
      // only anonymize has tags: every other obligation keeps its documented shape
      if (!retention.anonymize().isEmpty()) {
        out.writeArrayFieldStart("anonymize");
        for (String tag : retention.anonymize()) {
          out.writeString(tag);
        }
        out.writeEndArray();
      }
      writeNullable(out, "cutoff", retention.cutoff() == null ? null : retention.cutoff().toString());
      out.writeBooleanField("conflict", retention.conflict());
      out.writeBooleanField("legalHold", retention.legalHold());
      out.writeEndObject();
    }
    out.writeArrayFieldStart("reasons");
    for (Reason reason : decision.reasons()) {
      out.writeStartObject();
      writeRule(out, reason.rule());
      out.writeStringField("effect", reason.effect().wireName());
      out.writeStringField("message", reason.message());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeObjectFieldStart("bundle");
    out.writeStringField("name", decision.bundle().name());
    writeNullable(out, "revision", decision.bundle().revision());
    out.writeStringField("digest", decision.bundle().digest());
    out.writeEndObject();
    out.writeStringField("evaluatedAt", decision.evaluatedAt().toString());
    OpaConsultationJson.write(out, decision.opa());
    out.writeEndObject();
  }

  private static void writeRule(JsonGenerator out, @Nullable RuleReference rule) throws IOException {
    if (rule == null) {
      return;
    }
    out.writeStringField("rule", rule.id());
    if (rule.version() != null) {
      out.writeStringField("version", rule.version());
    }
  }

  private static void writeNullable(JsonGenerator out, String name, @Nullable String value) throws IOException {
    if (value == null) {
      out.writeNullField(name);
    } else {
      out.writeStringField(name, value);
    }
  }
}
