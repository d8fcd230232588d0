package io.meshgov.sql.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.ProductReference;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.RowFilters;
import io.meshgov.engine.mask.Masks;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlFragment;
import io.meshgov.sql.SqlParameter;
import io.meshgov.sql.SqlRenderer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What every engine must prove: the rendered SQL, run on the real engine, gives cell for cell what
 * the Java masks give and keeps exactly the rows {@link RowFilters#matcher} keeps, in both
 * renderings. Each engine's test extends this with its running {@link SqlEngine}.
 */
public abstract class EngineConformance {
  static final List<Column> FILTER_COLUMNS = List.of(
      Column.of("s", ColumnType.STRING),
      Column.of("i", ColumnType.INTEGER),
      Column.of("d", ColumnType.DECIMAL),
      Column.of("b", ColumnType.BOOLEAN),
      Column.of("dt", ColumnType.DATE),
      Column.of("ts", ColumnType.TIMESTAMP));

  private static final String ROW_ID = CorpusTable.ROW_ID;
  private static final Path POLICIES = Path.of(System.getProperty("meshgov.policies", "../policies"));
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  private static final RuleReference RULE = new RuleReference("corpus/rule", "1.0.0");

  protected abstract SqlEngine engine();

  private SqlRenderer renderer() {
    return SqlRenderer.of(engine().dialect());
  }

  // ---- masks -------------------------------------------------------------------------------

  @Test
  void everyMaskGivesTheJavaValueInEveryCell() {
    SqlEngine engine = engine();
    CorpusTable table = corpusTable("mask_corpus");
    List<String> problems = new ArrayList<>();
    int cells = 0;
    for (ColumnType type : ColumnType.values()) {
      String columnName = columnOf(type);
      List<Mask> masks = applicableMasks(type);
      for (Rendering rendering : Rendering.values()) {
        for (boolean withPhysicalType : new boolean[] {false, true}) {
          StringBuilder sql = new StringBuilder("SELECT ").append(quote(ROW_ID));
          List<SqlParameter> parameters = new ArrayList<>();
          for (int m = 0; m < masks.size(); m++) {
            ColumnDecision column = new ColumnDecision(columnName, type, ColumnEffect.MASK, masks.get(m), RULE);
            SqlFragment expression = withPhysicalType
                ? renderer().columnMask(column, engine.physicalType(type), rendering)
                : renderer().columnMask(column, rendering);
            sql.append(", ").append(expression.sql()).append(" AS m").append(m);
            parameters.addAll(expression.parameters());
          }
          sql.append(" FROM ").append(table.name);
          List<List<Object>> result = engine.query(sql.toString(), parameters);
          assertEquals(table.rows.size(), result.size(), "rows of " + sql);
          for (List<Object> row : result) {
            Map<String, Object> source = table.rows.get(((Number) row.get(0)).intValue());
            for (int m = 0; m < masks.size(); m++) {
              Object expected = Masks.apply(masks.get(m), type, source.get(columnName));
              cells++;
              if (!Cells.cell(expected).equals(Cells.cell(row.get(m + 1)))) {
                problems.add(masks.get(m) + " on " + type.wireName() + " " + Cells.cell(source.get(columnName))
                    + " (" + rendering + (withPhysicalType ? ", cast" : "") + "): Java " + Cells.cell(expected)
                    + ", " + engine.dialect().wireName() + " " + Cells.cell(row.get(m + 1)));
              }
            }
          }
        }
      }
    }
    assertNoProblems(problems, cells + " cells");
  }

  // ---- filters -----------------------------------------------------------------------------

  @Test
  void everyFilterKeepsExactlyTheRowsJavaKeeps() {
    CorpusTable table = corpusTable("filter_corpus");
    DataProduct product = product("corpus.filters", FILTER_COLUMNS);
    List<String> problems = new ArrayList<>();
    for (String residual : FilterCorpus.RESIDUALS) {
      Decision decision = decision(product, List.of(), List.of(new RowFilter(RULE, residual)));
      Set<Integer> expected = javaRows(decision, product, table);
      for (Rendering rendering : Rendering.values()) {
        SqlFragment predicate = renderer().rowFilter(decision, product, rendering).orElseThrow();
        String sql = "SELECT " + quote(ROW_ID) + " FROM " + table.name + " WHERE " + predicate.sql();
        try {
          Set<Integer> actual = new TreeSet<>();
          for (List<Object> row : engine().query(sql, predicate.parameters())) {
            actual.add(((Number) row.get(0)).intValue());
          }
          if (!expected.equals(actual)) {
            problems.add(residual + " (" + rendering + "): Java keeps " + expected + ", SQL " + actual
                + "\n    " + sql);
          }
        } catch (RuntimeException e) {
          problems.add(residual + " (" + rendering + "): " + e.getMessage() + "\n    " + sql);
        }
      }
    }
    assertNoProblems(problems, FilterCorpus.RESIDUALS.size() + " filters");
  }

  // ---- the shipped bundle, end to end ------------------------------------------------------

  /**
   * Decides for many subjects and purposes on every shipped product, runs every distinct query on
   * a table of corpus values shaped like the product, and compares the result with the Java masks
   * and row filters applied to the same rows.
   */
  @Test
  void shippedBundleQueriesGiveWhatJavaGives() {
    List<String> problems = new ArrayList<>();
    int queries = 0;
    try (GovernanceEngine governance = GovernanceEngine.builder().bundle(POLICIES).build()) {
      Map<String, CorpusTable> tables = new HashMap<>();
      Set<String> seen = new java.util.HashSet<>();
      for (DataProduct product : governance.catalog().values()) {
        for (Subject subject : subjects(governance, Map.of())) {
          for (String purpose : purposes(governance)) {
            Decision decision = governance.decide(request(product, subject, purpose));
            if (!decision.isPermitted() || visibleColumns(decision).isEmpty()) {
              continue;
            }
            if (!seen.add(product.id() + shape(decision))) {
              continue;
            }
            CorpusTable table = tables.computeIfAbsent(product.id(),
                id -> CorpusTable.create(engine(), id.replace('.', '_'), product.columns()));
            queries++;
            compareQuery(decision, product, table, problems);
          }
        }
      }
    }
    assertTrue(queries > 10, "the shipped bundle gave only " + queries + " distinct queries");
    assertNoProblems(problems, queries + " distinct queries");
  }

  /**
   * A subject attribute holding SQL's special characters reaches the residency filter of the
   * shipped bundle; in both renderings the query still keeps exactly the rows whose region is that
   * very string.
   */
  @Test
  void hostileAttributeValuesStayOneValue() {
    List<String> problems = new ArrayList<>();
    try (GovernanceEngine governance = GovernanceEngine.builder().bundle(POLICIES).build()) {
      DataProduct product = governance.product("finance.invoice_payments").orElseThrow();
      CorpusTable table = CorpusTable.create(engine(), "hostile_invoices", product.columns());
      for (String hostile : ValueCorpus.HOSTILE) {
        Subject subject = new Subject("mallory", List.of("employees", "finance"), List.of("analyst"),
            Map.of("region", hostile, "legal_entity", hostile));
        Decision decision = governance.decide(request(product, subject, "reporting"));
        assertTrue(decision.isPermitted(), "a finance analyst may read for reporting: " + decision.reasons());
        assertTrue(decision.rowFilters().stream().anyMatch(f -> f.expression().contains("region")),
            "the residency filter applies: " + decision.rowFilters());
        if (!engine().canStore(ColumnType.STRING, hostile)) {
          expectRefused(decision, product, table, hostile, problems);
          continue;
        }
        compareQuery(decision, product, table, problems);
      }
    }
    assertNoProblems(problems, ValueCorpus.HOSTILE.size() + " hostile values");
  }

  /** Columns named like SQL keywords, with a space or a quote are quoted in the dialect's way. */
  @Test
  void keywordAndOddColumnNamesAreQuoted() {
    List<Column> columns = List.of(
        Column.of("order", ColumnType.STRING),
        Column.of("select", ColumnType.INTEGER),
        Column.of("two words", ColumnType.STRING),
        Column.of("it\"s", ColumnType.DATE),
        Column.of("from", ColumnType.TIMESTAMP));
    DataProduct product = product("corpus.keywords", columns);
    CorpusTable table = CorpusTable.create(engine(), "keywords", columns);
    List<ColumnDecision> decided = List.of(
        new ColumnDecision("order", ColumnType.STRING, ColumnEffect.MASK, Mask.of(io.meshgov.api.MaskMethod.PARTIAL), RULE),
        ColumnDecision.allow("select", ColumnType.INTEGER),
        new ColumnDecision("two words", ColumnType.STRING, ColumnEffect.MASK, Mask.of(io.meshgov.api.MaskMethod.EMAIL), RULE),
        new ColumnDecision("it\"s", ColumnType.DATE, ColumnEffect.MASK, Mask.of(io.meshgov.api.MaskMethod.YEAR), RULE),
        new ColumnDecision("from", ColumnType.TIMESTAMP, ColumnEffect.DENY, null, RULE));
    Decision decision = decision(product, decided,
        List.of(new RowFilter(RULE, "!(order == 'abcd') && select >= 0")));
    List<String> problems = new ArrayList<>();
    compareQuery(decision, product, table, problems);
    assertNoProblems(problems, "a query over keyword columns");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void compareQuery(Decision decision, DataProduct product, CorpusTable table, List<String> problems) {
    List<ColumnDecision> visible = visibleColumns(decision);
    Predicate<Map<String, ?>> matcher = RowFilters.matcher(decision, product);
    List<List<String>> expected = new ArrayList<>();
    for (Map<String, Object> row : table.rows) {
      if (matcher.test(row)) {
        List<Object> cells = new ArrayList<>();
        for (ColumnDecision column : visible) {
          Object value = row.get(column.name());
          cells.add(column.effect() == ColumnEffect.MASK ? Masks.apply(column.mask(), column.type(), value) : value);
        }
        expected.add(Cells.row(cells));
      }
    }
    sortRows(expected);
    for (Rendering rendering : Rendering.values()) {
      SqlFragment query = renderer().query(decision, product, table.name, rendering);
      List<List<String>> actual = new ArrayList<>();
      try {
        for (List<Object> row : engine().query(query.sql(), query.parameters())) {
          actual.add(Cells.row(row));
        }
      } catch (RuntimeException e) {
        problems.add(product.id() + " (" + rendering + "): " + e.getMessage() + "\n    " + query.sql());
        continue;
      }
      sortRows(actual);
      if (!expected.equals(actual)) {
        problems.add(product.id() + " " + shape(decision) + " (" + rendering + "):\n    Java " + expected
            + "\n    SQL  " + actual + "\n    " + query.sql());
      }
    }
  }

  /** A value the engine cannot hold must never become a query that runs as something else. */
  private void expectRefused(Decision decision, DataProduct product, CorpusTable table, String hostile,
      List<String> problems) {
    try {
      renderer().query(decision, product, table.name, Rendering.INLINE);
      problems.add("inline rendering accepted " + Cells.printable(hostile) + ", which "
          + engine().dialect().wireName() + " cannot hold");
    } catch (IllegalArgumentException expected) {
      // refused at rendering: the gateway gets no SQL, so no row
    }
    SqlFragment bound = renderer().query(decision, product, table.name, Rendering.BIND);
    try {
      engine().query(bound.sql(), bound.parameters());
      problems.add("the engine ran a query bound to " + Cells.printable(hostile) + ", which it cannot hold");
    } catch (RuntimeException expected) {
      // refused by the engine: the query fails, no row is read
    }
  }

  private static void sortRows(List<List<String>> rows) {
    rows.sort((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
  }

  private Set<Integer> javaRows(Decision decision, DataProduct product, CorpusTable table) {
    Predicate<Map<String, ?>> matcher = RowFilters.matcher(decision, product);
    Set<Integer> kept = new TreeSet<>();
    for (int r = 0; r < table.rows.size(); r++) {
      if (matcher.test(table.rows.get(r))) {
        kept.add(r);
      }
    }
    return kept;
  }

  /** The filter columns plus {@code row_id}, the row's index in the corpus. */
  private CorpusTable corpusTable(String name) {
    List<Column> columns = new ArrayList<>();
    columns.add(Column.of(ROW_ID, ColumnType.INTEGER));
    columns.addAll(FILTER_COLUMNS);
    return CorpusTable.create(engine(), name, columns);
  }

  private List<Mask> applicableMasks(ColumnType type) {
    List<Mask> masks = new ArrayList<>();
    for (Mask mask : MaskCorpus.all(POLICIES)) {
      if (!mask.method().appliesTo(type)) {
        continue;
      }
      boolean storable = mask.parameters().values().stream()
          .allMatch(value -> !(value instanceof String text) || engine().canStore(ColumnType.STRING, text));
      if (storable) {
        masks.add(mask);
      }
    }
    return masks;
  }

  private static String columnOf(ColumnType type) {
    for (Column column : FILTER_COLUMNS) {
      if (column.type() == type) {
        return column.name();
      }
    }
    throw new AssertionError(type);
  }

  /** A one-part name, quoted as the renderer quotes it. */
  private String quote(String identifier) {
    return renderer().table(identifier);
  }

  private static List<ColumnDecision> visibleColumns(Decision decision) {
    List<ColumnDecision> visible = new ArrayList<>();
    for (ColumnDecision column : decision.columns()) {
      if (column.effect() != ColumnEffect.DENY) {
        visible.add(column);
      }
    }
    return visible;
  }

  private static String shape(Decision decision) {
    StringBuilder shape = new StringBuilder();
    for (ColumnDecision column : decision.columns()) {
      shape.append(column.name()).append('=').append(column.effect())
          .append(column.mask() == null ? "" : column.mask().toString() + column.mask().parameters().hashCode())
          .append(';');
    }
    for (RowFilter filter : decision.rowFilters()) {
      shape.append(" where ").append(filter.expression());
    }
    return shape.toString();
  }

  private static DataProduct product(String id, List<Column> columns) {
    return new DataProduct(id, id.substring(0, id.indexOf('.')), "tests@example.com", "1.0.0",
        Classification.INTERNAL, List.of(), columns);
  }

  private static Decision decision(DataProduct product, List<ColumnDecision> columns, List<RowFilter> filters) {
    List<ColumnDecision> decided = columns.isEmpty()
        ? product.columns().stream().map(c -> ColumnDecision.allow(c.name(), c.type())).toList()
        : columns;
    return new Decision("corpus", Effect.PERMIT, new ProductReference(product.id(), product.version()), decided,
        filters, null, List.of(), new BundleInfo("corpus", null, "0"), AT, List.of(RULE), List.of());
  }

  private static AccessRequest request(DataProduct product, Subject subject, String purpose) {
    return AccessRequest.builder().subject(subject).product(product.id()).action(Action.READ)
        .purpose(purpose).at(AT).build();
  }

  /** Each declared group with each declared role (and none), with attributes that match the corpus. */
  private static List<Subject> subjects(GovernanceEngine governance, Map<String, String> extra) {
    Set<String> groups = governance.vocabulary().groups();
    Set<String> roles = new LinkedHashSet<>();
    roles.add("");
    roles.addAll(governance.vocabulary().roles());
    Map<String, String> attributes = new LinkedHashMap<>(Map.of(
        "region", "US", "legal_entity", "MG-DE", "carrier_code", "abcd", "clearance", "high"));
    attributes.putAll(extra);
    List<Subject> subjects = new ArrayList<>();
    for (String group : groups) {
      for (String role : roles) {
        subjects.add(new Subject(group + "-" + role, List.of("employees", group),
            role.isEmpty() ? List.of() : List.of(role), attributes));
      }
    }
    return subjects;
  }

  private static Set<String> purposes(GovernanceEngine governance) {
    return governance.vocabulary().purposes();
  }

  private void assertNoProblems(List<String> problems, String what) {
    if (!problems.isEmpty()) {
      fail(engine().dialect().wireName() + ": " + problems.size() + " difference(s) over " + what + ":\n"
          + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }
  }
}
