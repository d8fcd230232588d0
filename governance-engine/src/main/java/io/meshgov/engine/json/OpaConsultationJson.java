package io.meshgov.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshgov.api.OpaConsultation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code opa} field (docs/opa.md) of decisions and audit records: {@code [{"policySet", "version",
 * "decisionId", "cached", "stale"}]}, plus {@code "error"} on a set that gave no usable answer (an
 * extension: the audit record then says why the request was denied). Written only when at least
 * one OPA-backed set was consulted, so decisions without OPA keep the shape of docs/request-and-decision.md.
 */
public final class OpaConsultationJson {
  private static final Set<String> FIELDS = Set.of("policySet", "version", "decisionId", "cached", "stale", "error");

  private OpaConsultationJson() {}

  public static void write(JsonGenerator out, List<OpaConsultation> consultations) throws IOException {
    if (consultations.isEmpty()) {
      return;
    }
    out.writeArrayFieldStart("opa");
    for (OpaConsultation consultation : consultations) {
      out.writeStartObject();
      out.writeStringField("policySet", consultation.policySet());
      out.writeStringField("version", consultation.version());
      if (consultation.decisionId() == null) {
        out.writeNullField("decisionId");
      } else {
        out.writeStringField("decisionId", consultation.decisionId());
      }
      out.writeBooleanField("cached", consultation.cached());
      out.writeBooleanField("stale", consultation.stale());
      if (consultation.error() != null) {
        out.writeStringField("error", consultation.error());
      }
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  /**
   * Reads the {@code opa} field back; absent means none.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static List<OpaConsultation> read(JsonNode value) {
    if (!value.isArray()) {
      throw new IllegalArgumentException("field 'opa' must be an array");
    }
    List<OpaConsultation> consultations = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isObject()) {
        throw new IllegalArgumentException("field 'opa' must hold objects");
      }
      item.fieldNames().forEachRemaining(name -> {
        if (!FIELDS.contains(name)) {
          throw new IllegalArgumentException("an 'opa' entry has unknown field '" + name + "'");
        }
      });
      JsonNode decisionId = item.get("decisionId");
      JsonNode error = item.get("error");
      consultations.add(new OpaConsultation(text(item, "policySet"), text(item, "version"),
          decisionId == null || decisionId.isNull() ? null : decisionId.asText(),
          bool(item, "cached"), bool(item, "stale"), error == null || error.isNull() ? null : error.asText()));
    }
    return consultations;
  }

  private static String text(JsonNode item, String name) {
    JsonNode value = item.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("an 'opa' entry needs a string '" + name + "'");
    }
    return value.textValue();
  }

  private static boolean bool(JsonNode item, String name) {
    JsonNode value = item.get(name);
    if (value == null || !value.isBoolean()) {
      throw new IllegalArgumentException("an 'opa' entry needs a boolean '" + name + "'");
    }
    return value.booleanValue();
  }
}
