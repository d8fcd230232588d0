package io.meshgov.sql.it.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.sql.ParameterType;
import io.meshgov.sql.SqlParameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Spark harness itself: every value the corpus tests use goes in and comes out unchanged. */
@ExtendWith(SparkEngineExtension.class)
class SparkEngineTest {
  /** Strings that break naive quoting, escaping, comment handling, or UTF-16/UTF-8 conversion. */
  private static final List<String> HOSTILE_STRINGS =
      List.of(
          "it's",
          "''",
          "say \"hi\"",
          "back`tick",
          "back\\slash",
          "trailing\\",
          "-- comment",
          "/* comment */",
          "a; DROP VIEW every_type",
          "line\nbreak",
          "carriage\r\nreturn",
          "nul\u0000char",
          "emoji \uD83D\uDE00",
          "e\u0301",
          "  padded  ",
          "",
          "?",
          "${var}");

  private static final List<Long> INTEGERS = List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 42L);

  /** At the column's scale, 9: Spark returns DECIMAL(38,9) values with exactly that scale. */
  private static final List<BigDecimal> DECIMALS =
      List.of(
          new BigDecimal("99999999999999999999999999999.999999999"),
          new BigDecimal("-99999999999999999999999999999.999999999"),
          new BigDecimal("0.000000001"),
          new BigDecimal("1.500000000"),
          new BigDecimal("0E-9"));

  private static final List<LocalDate> DATES =
      List.of(
          LocalDate.of(1, 1, 1),
          LocalDate.of(1582, 10, 4), // the last Julian day: a hybrid calendar shifts it
          LocalDate.of(1969, 12, 31),
          LocalDate.of(2100, 3, 1),
          LocalDate.of(9999, 12, 31));

  private static final List<Instant> INSTANTS =
      List.of(
          Instant.parse("0001-01-01T00:00:00Z"),
          Instant.parse("1900-01-01T00:00:00.000001Z"),
          Instant.parse("1969-12-31T23:59:59.999999Z"),
          // 02:00 local time does not exist in Los Angeles on this day
          Instant.parse("2024-03-10T10:30:00.123456Z"),
          Instant.parse("2150-07-01T12:00:00.5Z"),
          Instant.parse("9999-12-31T23:59:59.999999Z"));

  /** Column names that must be quoted: keywords, a space, a backtick. */
  private static final List<Column> COLUMNS =
      List.of(
          Column.of("id", ColumnType.INTEGER),
          Column.of("select", ColumnType.STRING),
          Column.of("order", ColumnType.INTEGER),
          Column.of("unit price", ColumnType.DECIMAL),
          Column.of("is`valid", ColumnType.BOOLEAN),
          Column.of("date", ColumnType.DATE),
          Column.of("from ts", ColumnType.TIMESTAMP));

  private final SparkEngine engine;

  SparkEngineTest(SparkEngine engine) {
    this.engine = engine;
  }

  @Test
  void everyValueRoundTripsThroughSelectStar() {
    List<List<Object>> rows = everyTypeRows();
    String table = engine.createTable("every_type", COLUMNS, rows);

    assertEquals(rows, engine.query("SELECT * FROM " + table + " ORDER BY id", List.of()));
  }

  @Test
  void eachHostileStringIsFoundByAStringParameter() {
    List<List<Object>> rows = everyTypeRows();
    String table = engine.createTable("every_type", COLUMNS, rows);

    for (int id = 0; id < HOSTILE_STRINGS.size(); id++) {
      String value = HOSTILE_STRINGS.get(id);
      assertEquals(
          List.of(List.of((long) id, value)),
          engine.query(
              "SELECT id, " + quoted("select") + " FROM " + table + " WHERE " + quoted("select") + " = ?",
              List.of(SqlParameter.string(value))),
          () -> "string " + visible(value));
    }
  }

  @Test
  void integerDoubleAndBooleanParametersCompareWithTheirColumns() {
    String table = engine.createTable("every_type", COLUMNS, everyTypeRows());

    assertEquals(
        ids(1, 6, 11, 16),
        engine.query(
            "SELECT id FROM " + table + " WHERE " + quoted("order") + " = ? ORDER BY id",
            List.of(new SqlParameter(ParameterType.INTEGER, Long.MAX_VALUE))));
    assertEquals(
        ids(3, 8, 13),
        engine.query(
            "SELECT id FROM " + table + " WHERE " + quoted("unit price") + " = ? ORDER BY id",
            List.of(new SqlParameter(ParameterType.DOUBLE, 1.5))));
    assertEquals(
        ids(1, 3, 5, 7, 9, 11, 13, 15, 17),
        engine.query(
            "SELECT id FROM " + table + " WHERE " + quoted("is`valid") + " = ? ORDER BY id",
            List.of(new SqlParameter(ParameterType.BOOLEAN, false))));
  }

  @Test
  void aTimestampParameterIsTheSameInstantUnderTheNonUtcSessionZone() {
    assertEquals(
        List.of(List.of(SparkSessions.SESSION_TIME_ZONE)),
        engine.query("SELECT current_timezone()", List.of()),
        "the session zone these tests rely on");
    String table = engine.createTable("every_type", COLUMNS, everyTypeRows());

    for (Instant instant : INSTANTS) {
      SqlParameter parameter = new SqlParameter(ParameterType.TIMESTAMP, instant);
      assertEquals(
          List.of(List.of(instant)), engine.query("SELECT ?", List.of(parameter)), instant::toString);
      List<List<Object>> matching =
          engine.query(
              "SELECT " + quoted("from ts") + " FROM " + table + " WHERE " + quoted("from ts") + " = ?",
              List.of(parameter));
      assertFalse(matching.isEmpty(), instant::toString);
      for (List<Object> row : matching) {
        assertEquals(List.of(instant), row);
      }
    }
  }

  @Test
  void timestampsAreShownInTheSessionZoneWhichIsNotUtc() {
    // proves the zone is in effect: were it UTC, the rendered SQL tests could not catch a
    // dependence on it
    assertEquals(
        List.of(List.of("2023-12-31 16:00:00")),
        engine.query(
            "SELECT CAST(? AS STRING)",
            List.of(new SqlParameter(ParameterType.TIMESTAMP, Instant.parse("2024-01-01T00:00:00Z")))));
  }

  @Test
  void nullsRoundTripInEveryType() {
    List<Object> nulls = Arrays.asList(new Object[COLUMNS.size()]);
    nulls.set(0, 0L);
    String table = engine.createTable("nulls", COLUMNS, List.of(nulls));

    assertEquals(List.of(nulls), engine.query("SELECT * FROM " + table, List.of()));
  }

  @Test
  void createTableReplacesTheTable() {
    Column name = Column.of("name", ColumnType.STRING);
    engine.createTable("replaced", List.of(name), List.of(List.of("old")));
    String table = engine.createTable("replaced", List.of(name), List.of(List.of("new")));

    assertEquals(List.of(List.of("new")), engine.query("SELECT * FROM " + table, List.of()));
  }

  @Test
  void otherJavaClassesOfAColumnTypeAreStoredAsTheNormalizedType() {
    List<Column> columns =
        List.of(
            Column.of("i", ColumnType.INTEGER),
            Column.of("b", ColumnType.INTEGER),
            Column.of("d", ColumnType.DECIMAL),
            Column.of("f", ColumnType.DECIMAL),
            Column.of("t", ColumnType.TIMESTAMP));
    String table =
        engine.createTable(
            "other_classes",
            columns,
            List.of(
                List.of(
                    7,
                    BigInteger.valueOf(Long.MIN_VALUE),
                    0.1,
                    0.1f,
                    OffsetDateTime.of(1950, 6, 1, 12, 0, 0, 1_000, ZoneOffset.ofHours(5)))));

    assertEquals(
        List.of(
            List.of(
                7L,
                Long.MIN_VALUE,
                new BigDecimal("0.100000000"),
                new BigDecimal("0.100000000"),
                Instant.parse("1950-06-01T07:00:00.000001Z"))),
        engine.query("SELECT * FROM " + table, List.of()));
  }

  @Test
  void resultsOfOtherSqlTypesAreNormalized() {
    assertEquals(
        List.of(
            Arrays.asList(
                7L, 7L, 7L, new BigDecimal("0.1"), new BigDecimal("0.25"), LocalDate.of(1, 1, 1), null)),
        engine.query(
            "SELECT CAST(7 AS INT), CAST(7 AS SMALLINT), CAST(7 AS TINYINT), CAST(0.1 AS DOUBLE),"
                + " CAST(0.25 AS FLOAT), DATE'0001-01-01', CAST(NULL AS STRING)",
            List.of()));
  }

  @Test
  void canStoreIsTrueForEveryValueUsedHere() {
    for (List<Object> row : everyTypeRows()) {
      for (int i = 0; i < COLUMNS.size(); i++) {
        ColumnType type = COLUMNS.get(i).type();
        Object value = row.get(i);
        assertTrue(engine.canStore(type, value), () -> type + " " + value);
      }
    }
  }

  @Test
  void canStoreIsFalseForWhatSparkWouldChange() {
    assertFalse(engine.canStore(ColumnType.STRING, "unpaired \uD83D"));
    assertFalse(engine.canStore(ColumnType.INTEGER, BigInteger.ONE.shiftLeft(63)));
    assertFalse(engine.canStore(ColumnType.DECIMAL, new BigDecimal("0.0000000001")));
    assertFalse(engine.canStore(ColumnType.DECIMAL, new BigDecimal("100000000000000000000000000000")));
    assertFalse(engine.canStore(ColumnType.DECIMAL, Double.NaN));
    assertFalse(engine.canStore(ColumnType.DECIMAL, Double.POSITIVE_INFINITY));
    assertFalse(engine.canStore(ColumnType.DATE, LocalDate.of(0, 12, 31)));
    assertFalse(engine.canStore(ColumnType.DATE, LocalDate.of(10000, 1, 1)));
    assertFalse(engine.canStore(ColumnType.TIMESTAMP, Instant.parse("2024-01-01T00:00:00.000000001Z")));
    assertFalse(engine.canStore(ColumnType.TIMESTAMP, Instant.parse("0000-12-31T23:59:59.999999Z")));
    assertFalse(engine.canStore(ColumnType.TIMESTAMP, Instant.parse("+10000-01-01T00:00:00Z")));
  }

  @Test
  void sparkReallyChangesAStringWithAnUnpairedSurrogate() {
    // the reason canStore refuses it: UTF-8 has no encoding for it, so Spark substitutes '?'
    assertEquals(
        List.of(List.of("unpaired ?")),
        engine.query("SELECT ?", List.of(SqlParameter.string("unpaired \uD83D"))));
  }

  @Test
  void createTableRefusesAValueSparkWouldChange() {
    List<Column> columns = List.of(Column.of("d", ColumnType.DECIMAL));
    List<List<Object>> rows = List.of(List.of(new BigDecimal("0.0000000001")));

    assertThrows(IllegalArgumentException.class, () -> engine.createTable("refused", columns, rows));
  }

  @Test
  void aTimestampParameterFinerThanMicrosecondsIsRefused() {
    SqlParameter nanos = new SqlParameter(ParameterType.TIMESTAMP, Instant.parse("2024-01-01T00:00:00.000000001Z"));

    assertThrows(IllegalArgumentException.class, () -> engine.query("SELECT ?", List.of(nanos)));
  }

  /** One row per hostile string; the other columns cycle through their edge values. */
  private static List<List<Object>> everyTypeRows() {
    List<List<Object>> rows = new ArrayList<>();
    for (int id = 0; id < HOSTILE_STRINGS.size(); id++) {
      rows.add(
          List.of(
              (long) id,
              HOSTILE_STRINGS.get(id),
              INTEGERS.get(id % INTEGERS.size()),
              DECIMALS.get(id % DECIMALS.size()),
              id % 2 == 0,
              DATES.get(id % DATES.size()),
              INSTANTS.get(id % INSTANTS.size())));
    }
    return rows;
  }

  private static List<List<Object>> ids(long... ids) {
    return Arrays.stream(ids).mapToObj(id -> List.<Object>of(id)).toList();
  }

  /** Spark's identifier quoting: backticks, an embedded backtick doubled. */
  private static String quoted(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** The string with its control characters escaped, for a failure message. */
  private static String visible(String value) {
    StringBuilder shown = new StringBuilder("\"");
    value.codePoints()
        .forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
    return shown.append('"').toString();
  }
}
