package io.meshgov.sql.it.trino;

import static io.meshgov.api.ColumnType.BOOLEAN;
import static io.meshgov.api.ColumnType.DATE;
import static io.meshgov.api.ColumnType.DECIMAL;
import static io.meshgov.api.ColumnType.INTEGER;
import static io.meshgov.api.ColumnType.STRING;
import static io.meshgov.api.ColumnType.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.sql.ParameterType;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlParameter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Trino harness itself: every type and hostile value goes in and comes back exactly. */
@ExtendWith(TrinoExtension.class)
class TrinoEngineTest {
  private static final String TABLE = "harness_types";

  static final List<String> HOSTILE_STRINGS =
      List.of(
          "it's",
          "say \"hi\"",
          "back`tick`",
          "back\\slash\\",
          "a -- comment",
          "/* unclosed",
          "x'; DROP TABLE harness_types; --",
          "line\nbreak\r\nand\ttab",
          "nul\u0000inside",
          "\u0000",
          "emoji \uD83D\uDE00 beyond the BMP",
          "e\u0301 combining",
          "  leading and trailing  ",
          "",
          "?",
          "ünïcödé ß 中文 עברית");

  private static final List<Long> INTEGERS = List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, 42L);
  private static final List<BigDecimal> DECIMALS =
      Stream.of(
              "0",
              "-1.5",
              "99999999999999999999999999999.999999999",
              "-99999999999999999999999999999.999999999",
              "0.000000001",
              "1E+3",
              "12.340")
          .map(BigDecimal::new)
          .toList();
  private static final List<LocalDate> DATES =
      Stream.of(
              "1970-01-01",
              "1969-12-31",
              "0001-01-01",
              "9999-12-31",
              "1582-10-04",
              "1582-10-15",
              "2400-02-29",
              "1900-03-01",
              "0000-12-31",
              "-0044-03-15",
              "+10000-01-01",
              // the first and last day of Trino's 32-bit day count
              "-5877641-06-23",
              "+5881580-07-11")
          .map(LocalDate::parse)
          .toList();
  static final List<Instant> TIMESTAMPS =
      Stream.of(
              "1970-01-01T00:00:00Z",
              "1969-12-31T23:59:59.999999Z",
              "1900-01-01T00:00:00.000001Z",
              "2100-03-01T12:34:56.123456Z",
              "0001-01-01T00:00:00Z",
              "9999-12-31T23:59:59.999999Z",
              // inside the ten days the Julian-to-Gregorian switch skipped: java.sql types shift it
              "1582-10-10T10:10:10.101010Z",
              "2262-04-12T00:00:00.000001Z",
              "3000-06-15T08:00:00.5Z",
              "-0001-12-31T23:59:59.999999Z",
              "+10000-01-01T00:00:00.000001Z",
              // the first and last microsecond of Trino's 52-bit milliseconds since the epoch
              "-69387-04-22T03:45:14.752Z",
              "+73326-09-11T20:14:45.247999Z")
          .map(Instant::parse)
          .toList();

  private static final List<Column> COLUMNS =
      List.of(
          Column.of("order", INTEGER),
          Column.of("c", STRING),
          Column.of("select", DECIMAL),
          Column.of("flag value", BOOLEAN),
          Column.of("day", DATE),
          Column.of("at", TIMESTAMP),
          Column.of("n", INTEGER));

  private static TrinoEngine engine;
  private static String table;
  private static List<List<Object>> rows;

  @BeforeAll
  static void createTable(TrinoEngine trino) {
    engine = trino;
    rows = new ArrayList<>();
    int valueRows = Math.max(HOSTILE_STRINGS.size(), TIMESTAMPS.size());
    for (int i = 0; i < valueRows; i++) {
      rows.add(
          Arrays.asList(
              (long) i,
              HOSTILE_STRINGS.get(i % HOSTILE_STRINGS.size()),
              DECIMALS.get(i % DECIMALS.size()),
              i % 2 == 0,
              DATES.get(i % DATES.size()),
              TIMESTAMPS.get(i % TIMESTAMPS.size()),
              INTEGERS.get(i % INTEGERS.size())));
    }
    rows.add(Arrays.asList((long) valueRows, null, null, null, null, null, null));
    for (List<Object> row : rows) {
      for (int column = 0; column < COLUMNS.size(); column++) {
        Object value = row.get(column);
        assertTrue(engine.canStore(COLUMNS.get(column).type(), value), () -> "canStore refuses " + value);
      }
    }
    table = engine.createTable(TABLE, COLUMNS, rows);
  }

  @Test
  void namesTheTableAsRenderedSqlShould() {
    assertEquals("memory.default.harness_types", table);
    assertEquals(SqlDialect.TRINO, engine.dialect());
  }

  @Test
  void declaresEachColumnWithItsPhysicalType() {
    List<List<Object>> declared =
        engine.query(
            "SELECT column_name, data_type FROM memory.information_schema.columns"
                + " WHERE table_schema = 'default' AND table_name = ? ORDER BY ordinal_position",
            List.of(SqlParameter.string(TABLE)));

    List<List<Object>> expected =
        COLUMNS.stream().map(c -> List.<Object>of(c.name(), engine.physicalType(c.type()))).toList();
    assertEquals(expected, declared);
  }

  @Test
  void selectStarReturnsEveryValueExactly() {
    List<List<Object>> read = engine.query("SELECT * FROM " + table + " ORDER BY \"order\"", List.of());

    assertEquals(expectedRows(), read);
  }

  static Stream<Arguments> hostileStrings() {
    return IntStream.range(0, HOSTILE_STRINGS.size()).mapToObj(i -> Arguments.of(i, HOSTILE_STRINGS.get(i)));
  }

  @ParameterizedTest(name = "[{index}] row {0}")
  @MethodSource("hostileStrings")
  void findsEachHostileStringThroughAParameter(int row, String value) {
    List<List<Object>> found =
        engine.query(
            "SELECT \"order\", \"c\" FROM " + table + " WHERE \"c\" = ?", List.of(SqlParameter.string(value)));

    assertEquals(List.of(List.of((long) row, value)), found);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("timestamps")
  void bindsATimestampParameterAsTheSameInstant(Instant instant) {
    SqlParameter parameter = new SqlParameter(ParameterType.TIMESTAMP, instant);

    assertEquals(
        List.of(List.of(instant)),
        engine.query("SELECT CAST(? AS timestamp(6) with time zone)", List.of(parameter)));
    List<Object> rowsAtInstant =
        engine.query("SELECT \"order\" FROM " + table + " WHERE \"at\" = ? ORDER BY \"order\"", List.of(parameter))
            .stream()
            .map(row -> row.get(0))
            .toList();
    List<Object> expected =
        rows.stream().filter(row -> instant.equals(row.get(5))).map(row -> row.get(0)).toList();
    assertEquals(expected, rowsAtInstant);
  }

  static Stream<Instant> timestamps() {
    return TIMESTAMPS.stream();
  }

  @Test
  void bindsEveryParameterTypeAndReadsBackEveryResultType() {
    List<List<Object>> read =
        engine.query(
            "SELECT ?, ?, ?, ?, ?, CAST(? AS real), CAST(? AS integer), DATE '1969-07-20',"
                + " TIMESTAMP '1969-07-20 20:17:40.123456', CAST(NULL AS varchar)",
            List.of(
                SqlParameter.string("s"),
                new SqlParameter(ParameterType.INTEGER, Long.MIN_VALUE),
                new SqlParameter(ParameterType.DOUBLE, 0.1),
                new SqlParameter(ParameterType.BOOLEAN, true),
                new SqlParameter(ParameterType.BOOLEAN, false),
                new SqlParameter(ParameterType.DOUBLE, 0.1),
                new SqlParameter(ParameterType.INTEGER, -7L)));

    assertEquals(
        List.of(
            Arrays.asList(
                "s",
                Long.MIN_VALUE,
                new BigDecimal("0.1"),
                true,
                false,
                new BigDecimal("0.1"),
                -7L,
                LocalDate.parse("1969-07-20"),
                // a timestamp without time zone reads as UTC
                Instant.parse("1969-07-20T20:17:40.123456Z"),
                null)),
        read);
  }

  @Test
  void refusesValuesOfTheWrongJavaType() {
    assertThrows(IllegalArgumentException.class, () -> engine.canStore(INTEGER, 1));
    assertThrows(IllegalArgumentException.class, () -> engine.canStore(TIMESTAMP, LocalDate.EPOCH));
  }

  static Stream<Arguments> unstorableValues() {
    return Stream.of(
        Arguments.of(STRING, "lone \uD800 surrogate"),
        Arguments.of(STRING, "reversed \uDE00\uD83D pair"),
        Arguments.of(DECIMAL, new BigDecimal("0.0000000001")),
        Arguments.of(DECIMAL, new BigDecimal("100000000000000000000000000000")),
        Arguments.of(DATE, LocalDate.parse("-5877641-06-22")),
        Arguments.of(DATE, LocalDate.parse("+5881580-07-12")),
        Arguments.of(TIMESTAMP, Instant.parse("2024-01-01T00:00:00.000000001Z")),
        Arguments.of(TIMESTAMP, Instant.parse("-69387-04-22T03:45:14.751999Z")),
        Arguments.of(TIMESTAMP, Instant.parse("+73326-09-11T20:14:45.248Z")));
  }

  /** canStore is honest: what it refuses does not survive the trip, it is refused or changed. */
  @ParameterizedTest(name = "[{index}] {0} {1}")
  @MethodSource("unstorableValues")
  void refusesOnlyValuesThatDoNotRoundTrip(ColumnType type, Object value) {
    assertFalse(engine.canStore(type, value));

    List<Object> row;
    try {
      String refused = engine.createTable("harness_refused", List.of(Column.of("v", type)), List.of(List.of(value)));
      row = engine.query("SELECT \"v\" FROM " + refused, List.of()).get(0);
    } catch (IllegalStateException rejectedByTrino) {
      return;
    }
    assertNotEquals(value, row.get(0), "Trino keeps " + value + " intact, so canStore must accept it");
  }

  @Test
  void runsAsOneCoordinatorOnLoopbackOnly() {
    List<List<Object>> nodes =
        engine.query("SELECT http_uri, coordinator, state FROM system.runtime.nodes", List.of());

    assertEquals(1, nodes.size());
    assertTrue(((String) nodes.get(0).get(0)).startsWith("http://127.0.0.1:"), nodes.toString());
    assertEquals(List.of(true, "active"), nodes.get(0).subList(1, 3));
  }

  /** The inserted rows as Trino returns them: decimals at the column's scale of 9. */
  private static List<List<Object>> expectedRows() {
    return rows.stream()
        .map(row -> {
          List<Object> expected = new ArrayList<>(row);
          if (expected.get(2) instanceof BigDecimal decimal) {
            expected.set(2, decimal.setScale(9));
          }
          return expected;
        })
        .toList();
  }
}
