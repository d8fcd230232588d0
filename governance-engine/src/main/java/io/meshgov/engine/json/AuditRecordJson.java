package io.meshgov.engine.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.Effect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON Lines form of an {@link AuditRecord} (docs/audit-format.md): one compact JSON object with exactly
 * the fields {@code decisionId, time, subject, product, productVersion, action, purpose, effect,
 * columns, rules, bundleDigest, latencyMicros}, in that order, and {@code opa} after them when
 * the decision consulted OPA-backed policy sets (docs/opa.md); a retention execution's record adds
 * {@code cutoff} and {@code rows} last (both absent from a decision's record), for example
 *
 * <pre>{@code
 * {"decisionId":"d-1","time":"2026-11-24T10:00:00Z","subject":"alice","product":"payments",
 *  "productVersion":"1.2.0","action":"read","purpose":"fraud","effect":"permit",
 *  "columns":{"iban":"mask:partial","amount":"allow"},"rules":["pii/mask-iban@3"],
 *  "bundleDigest":"sha256:ab12","latencyMicros":42}
 * }</pre>
 *
 * (shown wrapped; the real line has no newline). {@code time} is an ISO-8601 instant as {@link
 * Instant#toString()} prints it; {@code effect} is {@link Effect#wireName()}; {@code columns}
 * keeps the record's order. Strings are JSON-escaped, so no value can break the line.
 *
 * <p>Stateless and thread-safe: the Jackson factory and mapper are built once and shared.
 */
public final class AuditRecordJson {

  /** The documented field names (docs/audit-format.md), in write order. */
  public static final List<String> FIELDS =
      List.of(
          "decisionId",
          "time",
          "subject",
          "product",
          "productVersion",
          "action",
          "purpose",
          "effect",
          "columns",
          "rules",
          "bundleDigest",
          "latencyMicros",
          "opa",
          "cutoff",
          "rows");

  // Reading is strict: a duplicated key or trailing garbage means the line is not one we wrote.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  // JsonFactory is thread-safe once configured; generators are cheap, per call.
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private AuditRecordJson() {}

  /** The record as one compact JSON object, without a trailing newline. */
  public static String toJsonLine(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    StringWriter out = new StringWriter(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, record);
    } catch (IOException e) {
      throw serializationFailure(record, e);
    }
    return out.toString();
  }

  /**
   * The record's JSON line as UTF-8 bytes including the terminating {@code '\n'}, ready for one
   * write; saves the file sink a String round trip.
   */
  public static byte[] toJsonLineBytes(AuditRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      write(generator, record);
    } catch (IOException e) {
      throw serializationFailure(record, e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, AuditRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("decisionId", r.decisionId());
    g.writeStringField("time", r.time().toString());
    g.writeStringField("subject", r.subject());
    g.writeStringField("product", r.product());
    g.writeStringField("productVersion", r.productVersion());
    g.writeStringField("action", r.action());
    g.writeStringField("purpose", r.purpose());
    g.writeStringField("effect", r.effect().wireName());
    g.writeObjectFieldStart("columns");
    for (Map.Entry<String, String> column : r.columns().entrySet()) {
      g.writeStringField(column.getKey(), column.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("rules");
    for (String rule : r.rules()) {
      g.writeString(rule);
    }
    g.writeEndArray();
    g.writeStringField("bundleDigest", r.bundleDigest());
    g.writeNumberField("latencyMicros", r.latencyMicros());
    io.meshgov.engine.json.OpaConsultationJson.write(g, r.opa());
    if (r.cutoff() != null) {
      g.writeStringField("cutoff", r.cutoff().toString());
    }
    if (r.rows() != null) {
      g.writeNumberField("rows", r.rows());
    }
    g.writeEndObject();
  }

  private static AuditException serializationFailure(AuditRecord record, IOException e) {
    // Only reachable if Jackson itself fails on an in-memory target; still never swallow it.
    return new AuditException(
        "cannot serialize audit record " + record.decisionId() + ": " + e.getMessage(), e);
  }

  /**
   * Reads back one line written by {@link #toJsonLine}. Strict: the line must be one JSON object
   * with every documented field, of the right type, and no other field.
   *
   * @throws IllegalArgumentException naming the first problem found
   */
  public static AuditRecord fromJsonLine(String line) {
    Objects.requireNonNull(line, "line");
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "audit line is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("audit line must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new IllegalArgumentException(
            "audit line has unknown field '"
                + field.getKey()
                + "'; an audit record has only "
                + String.join(", ", FIELDS));
      }
    }
    return new AuditRecord(
        text(node, "decisionId"),
        instant(node, "time"),
        text(node, "subject"),
        text(node, "product"),
        text(node, "productVersion"),
        text(node, "action"),
        text(node, "purpose"),
        effect(node, "effect"),
        columns(node, "columns"),
        rules(node, "rules"),
        text(node, "bundleDigest"),
        latency(node, "latencyMicros"),
        opa(node),
        node.has("cutoff") ? instant(node, "cutoff") : null,
        node.has("rows") ? rows(node, "rows") : null);
  }

  private static long rows(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new IllegalArgumentException("audit line field '" + name + "' must be a whole number of rows, not negative");
    }
    return value.longValue();
  }

  private static List<io.meshgov.api.OpaConsultation> opa(JsonNode node) {
    JsonNode value = node.get("opa");
    if (value == null) {
      return List.of();
    }
    try {
      return io.meshgov.engine.json.OpaConsultationJson.read(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("audit line " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new IllegalArgumentException("audit line lacks field '" + name + "'");
    }
    return value;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("audit line field '" + name + "' must be a string");
    }
    return value.textValue();
  }

  private static Instant instant(JsonNode node, String name) {
    String text = text(node, name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "audit line field '"
              + name
              + "' must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, was '"
              + text
              + "'",
          e);
    }
  }

  private static Effect effect(JsonNode node, String name) {
    String text = text(node, name);
    for (Effect effect : Effect.values()) {
      if (effect.wireName().equals(text)) {
        return effect;
      }
    }
    throw new IllegalArgumentException(
        "audit line field '" + name + "' must be 'permit' or 'deny', was '" + text + "'");
  }

  private static Map<String, String> columns(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isObject()) {
      throw new IllegalArgumentException("audit line field '" + name + "' must be an object");
    }
    Map<String, String> columns = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> column : value.properties()) {
      if (!column.getValue().isTextual()) {
        throw new IllegalArgumentException(
            "audit line field '" + name + "' entry '" + column.getKey() + "' must be a string");
      }
      columns.put(column.getKey(), column.getValue().textValue());
    }
    return columns;
  }

  private static List<String> rules(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isArray()) {
      throw new IllegalArgumentException("audit line field '" + name + "' must be an array");
    }
    List<String> rules = new ArrayList<>(value.size());
    for (JsonNode rule : value) {
      if (!rule.isTextual()) {
        throw new IllegalArgumentException(
            "audit line field '" + name + "' must hold only strings");
      }
      rules.add(rule.textValue());
    }
    return rules;
  }

  private static long latency(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(
          "audit line field '" + name + "' must be a whole number of microseconds");
    }
    return value.longValue();
  }
}
