package io.meshgov.sql.it;

import io.meshgov.api.Column;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of corpus values for some columns, as the engine stores it and as Java sees it. Column
 * {@code k} of row {@code r} takes value {@code (r + 5k)} of its type's corpus, so columns of one
 * type do not move in lockstep; values the engine cannot store are left out of its corpus. A
 * column named {@code row_id} holds the row's index instead.
 */
final class CorpusTable {
  static final String ROW_ID = "row_id";

  final String name;
  final List<Column> columns;
  final List<Map<String, Object>> rows;

  CorpusTable(String name, List<Column> columns, List<Map<String, Object>> rows) {
    this.name = name;
    this.columns = columns;
    this.rows = rows;
  }

  static CorpusTable create(SqlEngine engine, String table, List<Column> columns) {
    List<List<Object>> corpora = new ArrayList<>();
    for (Column column : columns) {
      List<Object> storable = new ArrayList<>();
      for (Object value : ValueCorpus.values(column.type())) {
        if (value == null || engine.canStore(column.type(), value)) {
          storable.add(value);
        }
      }
      corpora.add(storable);
    }
    int count = ValueCorpus.rows();
    List<List<Object>> stored = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      List<Object> values = new ArrayList<>();
      Map<String, Object> row = new LinkedHashMap<>();
      for (int k = 0; k < columns.size(); k++) {
        List<Object> corpus = corpora.get(k);
        Object value = columns.get(k).name().equals(ROW_ID) ? (Object) (long) r : corpus.get((r + 5 * k) % corpus.size());
        values.add(value);
        row.put(columns.get(k).name(), value);
      }
      stored.add(Collections.unmodifiableList(values));
      rows.add(Collections.unmodifiableMap(row));
    }
    String name = engine.createTable(table, columns, stored);
    return new CorpusTable(name, List.copyOf(columns), List.copyOf(rows));
  }
}
