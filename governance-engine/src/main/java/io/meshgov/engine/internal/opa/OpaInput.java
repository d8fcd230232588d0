package io.meshgov.engine.internal.opa;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Subject;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input document meshgov sends an OPA-backed policy set (docs/opa.md), in one canonical form:
 * fields in a fixed order, attributes sorted by name, no whitespace. The same request always gives
 * the same text, so the text is also the cache key.
 *
 * <pre>{@code
 * {"subject":{"id","groups","roles","attributes"},
 *  "request":{"action","purpose","at"},
 *  "product":{"id","domain","classification","tags","version"},
 *  "columns":[{"name","type","tags"}],
 *  "policySet":{"id","version","scope"}}
 * }</pre>
 */
public final class OpaInput {
  private static final JsonFactory JSON = new JsonFactory();

  private OpaInput() {}

  /** The input for {@code set}; {@code columns} index the product's columns, in request order. */
  public static String document(AccessRequest request, DataProduct product, int[] columns, Instant at,
      PolicySetVersion set) {
    StringWriter text = new StringWriter(256 + 64 * columns.length);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      Subject subject = request.subject();
      out.writeObjectFieldStart("subject");
      out.writeStringField("id", subject.id());
      strings(out, "groups", subject.groups());
      strings(out, "roles", subject.roles());
      out.writeObjectFieldStart("attributes");
      for (Map.Entry<String, String> attribute : new TreeMap<>(subject.attributes()).entrySet()) {
        out.writeStringField(attribute.getKey(), attribute.getValue());
      }
      out.writeEndObject();
      out.writeEndObject();

      out.writeObjectFieldStart("request");
      out.writeStringField("action", request.action().wireName());
      out.writeStringField("purpose", request.purpose());
      out.writeStringField("at", at.toString());
      out.writeEndObject();

      out.writeObjectFieldStart("product");
      out.writeStringField("id", product.id());
      out.writeStringField("domain", product.domain());
      out.writeStringField("classification", product.classification().wireName());
      strings(out, "tags", product.tags());
      out.writeStringField("version", product.version());
      out.writeEndObject();

      out.writeArrayFieldStart("columns");
      for (int index : columns) {
        Column column = product.columns().get(index);
        out.writeStartObject();
        out.writeStringField("name", column.name());
        out.writeStringField("type", column.type().wireName());
        strings(out, "tags", column.tags());
        out.writeEndObject();
      }
      out.writeEndArray();

      out.writeObjectFieldStart("policySet");
      out.writeStringField("id", set.id());
      out.writeStringField("version", set.version().text());
      out.writeStringField("scope", set.scope().toString());
      out.writeEndObject();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an OPA input to memory", e);
    }
    return text.toString();
  }

  /** The request body: {@code {"input": <document>}}. */
  static String body(String document) {
    return "{\"input\":" + document + "}";
  }

  private static void strings(JsonGenerator out, String name, List<String> values) throws IOException {
    out.writeArrayFieldStart(name);
    for (String value : values) {
      out.writeString(value);
    }
    out.writeEndArray();
  }
}
