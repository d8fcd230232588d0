package io.meshgov.sql.it;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Values as comparable text: numbers by value, so a decimal 0.0 from Java equals an engine's 0. */
public final class Cells {
  private Cells() {}

  public static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof BigDecimal decimal) {
      return "number:" + (decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString());
    }
    if (value instanceof Double || value instanceof Float) {
      return cell(BigDecimal.valueOf(((Number) value).doubleValue()));
    }
    if (value instanceof Long || value instanceof Integer) {
      return "integer:" + value;
    }
    if (value instanceof String text) {
      return "string:" + printable(text);
    }
    return value.getClass().getSimpleName() + ":" + value;
  }

  public static List<String> row(List<Object> values) {
    List<String> cells = new ArrayList<>();
    for (Object value : values) {
      cells.add(cell(value));
    }
    return cells;
  }

  public static List<String> row(Map<String, Object> values, List<String> columns) {
    List<String> cells = new ArrayList<>();
    for (String column : columns) {
      cells.add(cell(values.get(column)));
    }
    return cells;
  }

  /** Control characters and non-ASCII as escapes, so a failure message shows what differs. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(codePoint -> {
      if (codePoint >= 0x20 && codePoint < 0x7f) {
        out.appendCodePoint(codePoint);
      } else {
        out.append(String.format("\\u{%X}", codePoint));
      }
    });
    return out.toString();
  }
}
