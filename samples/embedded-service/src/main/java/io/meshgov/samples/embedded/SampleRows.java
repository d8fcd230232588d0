package io.meshgov.samples.embedded;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads sample rows of a data product from CSV, each value parsed into the Java type the engine's
 * masks and row filters expect for its column type (string {@link String}, integer {@link Long},
 * decimal {@link BigDecimal}, boolean {@link Boolean}, date {@link LocalDate}, timestamp {@link
 * Instant}). An empty field is null.
 *
 * <p>The header names the columns; every one must be a column of the product, so that a renamed
 * column fails here rather than silently reaching a row filter as a missing value (which would
 * hide the row). The CSV dialect is the simple one: comma-separated, double quotes around fields
 * that hold commas or quotes, no line breaks inside fields.
 */
public final class SampleRows {
  private SampleRows() {}

  /** Reads the CSV resource {@code resource} from the class path. */
  public static List<Map<String, Object>> fromResource(String resource, DataProduct product) {
    InputStream in = SampleRows.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("no sample data resource '" + resource + "' on the class path");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(reader, resource, product);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * Reads every row of {@code csv}; {@code source} names it in messages. The returned rows are
   * unmodifiable maps from column name to value, in header order.
   */
  public static List<Map<String, Object>> read(Reader csv, String source, DataProduct product) throws IOException {
    BufferedReader lines = new BufferedReader(csv);
    String headerLine = lines.readLine();
    if (headerLine == null) {
      throw new IllegalArgumentException(source + ": empty file, expected a header line");
    }
    List<String> header = fields(headerLine, source, 1);
    List<Column> columns = new ArrayList<>(header.size());
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).trim();
      Column column = product.column(name).orElseThrow(() -> new IllegalArgumentException(
          source + ":1: '" + name + "' is not a column of " + product.id()));
      columns.add(column);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    int lineNumber = 1;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = fields(line, source, lineNumber);
      if (fields.size() != columns.size()) {
        throw new IllegalArgumentException(source + ":" + lineNumber + ": " + fields.size()
            + " fields, the header has " + columns.size());
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        Column column = columns.get(i);
        try {
          row.put(column.name(), parse(fields.get(i), column.type()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
          throw new IllegalArgumentException(source + ":" + lineNumber + ": column " + column.name() + " ("
              + column.type().wireName() + "): " + e.getMessage(), e);
        }
      }
      // LinkedHashMap, not Map.copyOf: empty fields are null values.
      rows.add(Collections.unmodifiableMap(row));
    }
    return Collections.unmodifiableList(rows);
  }

  /** Parses one field; an empty field is null. */
  static Object parse(String field, ColumnType type) {
    if (field.isEmpty()) {
      return null;
    }
    switch (type) {
      case STRING:
        return field;
      case INTEGER:
        return Long.valueOf(field.trim());
      case DECIMAL:
        return new BigDecimal(field.trim());
      case BOOLEAN:
        String text = field.trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("'" + field + "' is not true or false");
        }
        return Boolean.valueOf(text);
      case DATE:
        return LocalDate.parse(field.trim());
      case TIMESTAMP:
        return Instant.parse(field.trim());
      default:
        throw new AssertionError(type);
    }
  }

  private static List<String> fields(String line, String source, int lineNumber) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(source + ":" + lineNumber + ": unterminated quoted field");
    }
    fields.add(field.toString());
    return fields;
  }
}
