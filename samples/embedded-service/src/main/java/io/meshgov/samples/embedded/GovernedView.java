package io.meshgov.samples.embedded;

import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.engine.RowFilters;
import io.meshgov.engine.mask.MaskFunction;
import io.meshgov.engine.mask.Masks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What one decision lets its caller see of a set of rows: the columns the decision did not deny,
 * in decision order, and the rows every row filter (residency, retention cutoff…) lets through,
 * with masked values masked. A denied decision sees no columns and no rows.
 *
 * <p>Rows are tested against their <em>original</em> values and masked afterwards: a filter on
 * {@code region} must see the real region even when the caller only gets a masked one.
 */
public record GovernedView(Decision decision, List<String> columns, List<Map<String, Object>> rows) {

  public GovernedView {
    Objects.requireNonNull(decision, "decision");
    columns = List.copyOf(columns);
    // Not List.copyOf of the rows' maps: masked and missing values are null.
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }

  /** Applies {@code decision} to {@code rows} of {@code product}. */
  public static GovernedView apply(Decision decision, DataProduct product, List<? extends Map<String, ?>> rows) {
    if (!decision.isPermitted()) {
      return new GovernedView(decision, List.of(), List.of());
    }
    // Compile each mask once per column, not once per value.
    List<String> names = new ArrayList<>();
    List<MaskFunction> functions = new ArrayList<>();
    for (ColumnDecision column : decision.columns()) {
      if (column.effect() == ColumnEffect.DENY) {
        continue;
      }
      names.add(column.name());
      functions.add(column.effect() == ColumnEffect.MASK
          ? Masks.compile(column.mask(), column.type())
          : value -> value);
    }
    Predicate<Map<String, ?>> visible = RowFilters.matcher(decision, product);
    List<Map<String, Object>> shown = new ArrayList<>();
    for (Map<String, ?> row : rows) {
      if (!visible.test(row)) {
        continue;
      }
      Map<String, Object> cells = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        cells.put(names.get(i), functions.get(i).apply(row.get(names.get(i))));
      }
      shown.add(Collections.unmodifiableMap(cells));
    }
    return new GovernedView(decision, names, shown);
  }

  /** The rows as a plain text table, columns aligned, numbers right-aligned; null shows as {@code null}. */
  public String render() {
    if (columns.isEmpty()) {
      return "(nothing: the request is denied)" + System.lineSeparator();
    }
    int[] widths = new int[columns.size()];
    boolean[] numeric = new boolean[columns.size()];
    List<List<String>> texts = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      numeric[c] = !rows.isEmpty();
    }
    for (Map<String, Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        Object value = row.get(columns.get(c));
        String text = format(value);
        numeric[c] &= value == null || value instanceof Number;
        widths[c] = Math.max(widths[c], text.length());
        line.add(text);
      }
      texts.add(line);
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, columns, widths, new boolean[columns.size()]);
    List<String> rules = new ArrayList<>();
    for (int width : widths) {
      rules.add("-".repeat(width));
    }
    appendLine(out, rules, widths, new boolean[columns.size()]);
    for (List<String> line : texts) {
      appendLine(out, line, widths, numeric);
    }
    return out.toString();
  }

  private static void appendLine(StringBuilder out, List<String> cells, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        line.append("  ");
      }
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      line.append(right[c] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append(System.lineSeparator());
  }

  private static String format(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }
}
