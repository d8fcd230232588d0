package io.meshgov.engine.internal.compile.residual;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes CEL runtime values back as CEL literals, for residual row filters. */
public final class CelValues {
  private CelValues() {}

  public static String literal(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  static void append(StringBuilder out, Object value) {
    if (value instanceof String text) {
      quote(out, text);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof Double number) {
      appendDouble(out, number);
    } else if (value instanceof Instant instant) {
      out.append("timestamp(");
      quote(out, instant.toString());
      out.append(')');
    } else if (value instanceof com.google.protobuf.Timestamp timestamp) {
      append(out, Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    } else if (value instanceof java.time.Duration duration) {
      out.append("duration(");
      quote(out, duration.getSeconds() + (duration.getNano() == 0 ? "" : "." + String.format("%09d", duration.getNano())) + "s");
      out.append(')');
    } else if (value instanceof com.google.protobuf.Duration duration) {
      append(out, java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos()));
    } else if (value instanceof com.google.common.primitives.UnsignedLong unsigned) {
      out.append(unsigned).append('u');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        append(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        append(out, entry.getKey());
        out.append(": ");
        append(out, entry.getValue());
        if (entries.hasNext()) {
          out.append(", ");
        }
      }
      out.append('}');
    } else if (value instanceof dev.cel.common.values.NullValue || value == null) {
      out.append("null");
    } else {
      throw new IllegalArgumentException("no CEL literal for a " + value.getClass().getName());
    }
  }

  private static void appendDouble(StringBuilder out, double number) {
    if (Double.isNaN(number)) {
      out.append("double('NaN')");
    } else if (Double.isInfinite(number)) {
      out.append(number > 0 ? "double('Infinity')" : "double('-Infinity')");
    } else {
      String text = Double.toString(number);
      out.append(text.contains(".") || text.contains("E") ? text.replace('E', 'e') : text + ".0");
    }
  }

  private static void quote(StringBuilder out, String text) {
    out.append('\'');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\':
          out.append("\\\\");
          break;
        case '\'':
          out.append("\\'");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('\'');
  }
}
