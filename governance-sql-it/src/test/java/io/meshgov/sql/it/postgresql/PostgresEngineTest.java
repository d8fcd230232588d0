package io.meshgov.sql.it.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.sql.ParameterType;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlParameter;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresEngineTest {

  private static final List<String> HOSTILE_STRINGS = List.of(
      "plain",
      "it's",
      "say \"hi\"",
      "back`tick",
      "back\\slash",
      "\\'",
      "-- comment",
      "/* open",
      "a; DROP TABLE t; --",
      "line\nbreak\r\nand\ttab",
      "emoji 😀 beyond the BMP",
      "e\u0301 decomposed",
      "\u00e9 decomposed",
      "  leading and trailing  ",
      " ",
      "",
      "$$ dollar $tag$",
      "%_ like wildcards");

  @Test
  void mapsMeshgovTypesToPostgresTypes(PostgresEngine engine) {
    assertEquals(SqlDialect.POSTGRESQL, engine.dialect());
    assertEquals("text", engine.physicalType(ColumnType.STRING));
    assertEquals("bigint", engine.physicalType(ColumnType.INTEGER));
    assertEquals("numeric", engine.physicalType(ColumnType.DECIMAL));
    assertEquals("boolean", engine.physicalType(ColumnType.BOOLEAN));
    assertEquals("date", engine.physicalType(ColumnType.DATE));
    assertEquals("timestamptz", engine.physicalType(ColumnType.TIMESTAMP));
  }

  @Test
  void sessionIsUtf8WithAnIcuCollationAndANonUtcZone(PostgresEngine engine) {
    List<List<Object>> settings = engine.query(
        "SELECT pg_encoding_to_char(encoding), datlocprovider::text, datlocale, current_setting('TimeZone')"
            + " FROM pg_database WHERE datname = current_database()",
        List.of());
    assertEquals(
        List.of(List.of("UTF8", "i", EmbeddedPostgresServer.DEFAULT_COLLATION_LOCALE,
            EmbeddedPostgresServer.SESSION_TIME_ZONE)),
        settings);
    // byte order ("C") puts every capital before every small letter; en-US does not
    assertEquals(List.of(List.of(true)), engine.query("SELECT 'a' < 'B'", List.of()));
  }

  @Test
  void roundTripsEveryTypeExactlyThroughSelectStar(PostgresEngine engine) {
    List<Column> columns = List.of(
        Column.of("id", ColumnType.INTEGER),
        Column.of("order", ColumnType.STRING),
        Column.of("select", ColumnType.DECIMAL),
        Column.of("is \"active\"", ColumnType.BOOLEAN),
        Column.of("born on", ColumnType.DATE),
        Column.of("Seen At", ColumnType.TIMESTAMP));
    List<List<Object>> rows = List.of(
        List.of(Long.MIN_VALUE, "", new BigDecimal("-0.000001"), false,
            LocalDate.of(1, 1, 1), Instant.parse("1900-01-01T00:00:00.000001Z")),
        List.of(0L, " ", new BigDecimal("1000"), true,
            LocalDate.of(9999, 12, 31), Instant.parse("2024-03-10T10:00:00.123456Z")),
        List.of(1L, "😀 e\u0301", new BigDecimal("0.10"), true,
            LocalDate.of(1969, 12, 31), Instant.parse("1969-12-31T23:59:59.999999Z")),
        Arrays.asList(2L, null, null, null, null, null),
        List.of(Long.MAX_VALUE, "it's -- /* ; \\", new BigDecimal("12345678901234567890.123456789012"), false,
            LocalDate.of(2200, 2, 28), Instant.parse("2262-04-11T23:47:16.854775Z")));

    String table = engine.createTable("every_type", columns, rows);

    assertEquals("public.every_type", table);
    assertEquals(rows, engine.query("SELECT * FROM " + table + " ORDER BY \"id\"", List.of()));
  }

  @Test
  void keepsTheScaleOfADecimalButNotANegativeOne(PostgresEngine engine) {
    String table = engine.createTable(
        "scales",
        List.of(Column.of("d", ColumnType.DECIMAL)),
        List.of(List.of(new BigDecimal("1.500")), List.of(new BigDecimal("1.5E+3"))));

    // numeric has no negative scale: 1.5E+3 comes back as 1500, equal by compareTo, not by equals
    assertEquals(
        List.of(List.of(new BigDecimal("1.500")), List.of(new BigDecimal("1500"))),
        engine.query("SELECT * FROM " + table + " ORDER BY \"d\"", List.of()));
  }

  @Test
  void findsEachHostileStringByParameterAndNoOther(PostgresEngine engine) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < HOSTILE_STRINGS.size(); i++) {
      rows.add(List.of((long) i, HOSTILE_STRINGS.get(i)));
    }
    String table = engine.createTable(
        "hostile", List.of(Column.of("id", ColumnType.INTEGER), Column.of("c", ColumnType.STRING)), rows);

    assertEquals(rows, engine.query("SELECT * FROM " + table + " ORDER BY \"id\"", List.of()));
    for (String value : HOSTILE_STRINGS) {
      assertEquals(
          List.of(List.of(value)),
          engine.query("SELECT \"c\" FROM " + table + " WHERE \"c\" = ?", List.of(SqlParameter.string(value))),
          () -> "looking up " + value);
    }
  }

  @Test
  void quotesColumnNamesLiterally(PostgresEngine engine) {
    List<Column> columns = List.of(
        Column.of("order", ColumnType.INTEGER),
        Column.of("a \"quoted\" name", ColumnType.INTEGER),
        Column.of("Mixed Case", ColumnType.INTEGER),
        Column.of("mixed case", ColumnType.INTEGER));
    String table = engine.createTable("odd_names", columns, List.of(List.of(1L, 2L, 3L, 4L)));

    assertEquals(
        List.of(List.of(4L, 3L, 2L, 1L)),
        engine.query(
            "SELECT \"mixed case\", \"Mixed Case\", \"a \"\"quoted\"\" name\", \"order\" FROM " + table, List.of()));
  }

  @Test
  void replacesATableThatExists(PostgresEngine engine) {
    engine.createTable("replaced", List.of(Column.of("old", ColumnType.STRING)), List.of(List.of("gone")));
    String table = engine.createTable("replaced", List.of(Column.of("new", ColumnType.INTEGER)), List.of());

    assertEquals(List.of(), engine.query("SELECT \"new\" FROM " + table, List.of()));
  }

  @Test
  void comparesATimestampParameterAsAnInstantWhateverTheSessionZone(PostgresEngine engine) {
    Instant beforeCutoff = Instant.parse("2024-03-10T09:59:59.999999Z");
    Instant atCutoff = Instant.parse("2024-03-10T10:00:00Z");
    Instant afterCutoff = Instant.parse("2024-03-10T10:00:00.000001Z");
    // read as Los Angeles wall time, the cutoff would be 17:00Z, after every row
    Instant laterThatDayInUtc = Instant.parse("2024-03-10T16:00:00Z");
    String table = engine.createTable(
        "events",
        List.of(Column.of("id", ColumnType.INTEGER), Column.of("at", ColumnType.TIMESTAMP)),
        List.of(List.of(1L, beforeCutoff), List.of(2L, atCutoff), List.of(3L, afterCutoff),
            List.of(4L, laterThatDayInUtc)));
    SqlParameter cutoff = new SqlParameter(ParameterType.TIMESTAMP, atCutoff);

    assertEquals(
        List.of(List.of(1L)),
        engine.query("SELECT \"id\" FROM " + table + " WHERE \"at\" < ? ORDER BY \"id\"", List.of(cutoff)));
    assertEquals(
        List.of(List.of(2L, atCutoff)),
        engine.query("SELECT \"id\", \"at\" FROM " + table + " WHERE \"at\" = ?", List.of(cutoff)));
    assertEquals(
        List.of(List.of("timestamp with time zone")),
        engine.query("SELECT pg_typeof(?)::text", List.of(cutoff)));
  }

  @Test
  void bindsEveryParameterTypeAsItsPostgresType(PostgresEngine engine) {
    List<SqlParameter> parameters = List.of(
        SqlParameter.string("x"),
        new SqlParameter(ParameterType.INTEGER, 42L),
        new SqlParameter(ParameterType.DOUBLE, 0.1),
        new SqlParameter(ParameterType.BOOLEAN, true),
        new SqlParameter(ParameterType.TIMESTAMP, Instant.parse("2024-01-01T00:00:00Z")));

    assertEquals(
        List.of(List.of("character varying", "bigint", "double precision", "boolean", "timestamp with time zone")),
        engine.query("SELECT pg_typeof(?)::text, pg_typeof(?)::text, pg_typeof(?)::text, pg_typeof(?)::text,"
            + " pg_typeof(?)::text", parameters));
    assertEquals(
        List.of(List.of("x", 42L, new BigDecimal("0.1"), true, Instant.parse("2024-01-01T00:00:00Z"))),
        engine.query("SELECT ?, ?, ?, ?, ?", parameters));
  }

  @Test
  void readsOtherPostgresTypesAsTheHarnessJavaTypes(PostgresEngine engine) {
    assertEquals(
        List.of(Arrays.asList(
            7L, 8L, "padded", new BigDecimal("0.1"), new BigDecimal("0.1"),
            Instant.parse("2024-07-01T12:34:56.789012Z"), null)),
        engine.query(
            "SELECT 7::int2, 8::int4, 'padded'::varchar, 0.1::real, 0.1::float8,"
                + " TIMESTAMP '2024-07-01 12:34:56.789012', NULL::date",
            List.of()));
  }

  @Test
  void canStoreExactlyTheValuesThatComeBackUnchanged(PostgresEngine engine) {
    Map<ColumnType, List<Object>> candidates = new EnumMap<>(ColumnType.class);
    candidates.put(ColumnType.STRING, List.of(
        "no nul here 😀", "before\0after", "\0", "unpaired \uD800 high", "unpaired \uDE00 low", "\uD83D"));
    candidates.put(ColumnType.DATE, List.of(
        LocalDate.of(-4712, 1, 1), LocalDate.of(-4713, 12, 31), LocalDate.of(-43, 3, 15), LocalDate.of(0, 1, 1),
        LocalDate.of(5_874_897, 12, 31), LocalDate.of(5_874_898, 1, 1)));
    candidates.put(ColumnType.TIMESTAMP, List.of(
        Instant.parse("-4712-01-01T00:00:00Z"), Instant.parse("-4713-12-31T23:59:59.999999Z"),
        Instant.parse("-0043-03-15T12:00:00.000001Z"),
        Instant.parse("+294276-12-31T23:59:59.999999Z"), Instant.parse("+294277-01-01T00:00:00Z"),
        Instant.parse("2024-01-01T00:00:00.123456Z"), Instant.parse("2024-01-01T00:00:00.123456789Z"),
        Instant.parse("2024-01-01T00:00:00.000000500Z")));
    candidates.put(ColumnType.INTEGER, List.of(Long.MIN_VALUE, Long.MAX_VALUE));
    candidates.put(ColumnType.DECIMAL, List.of(new BigDecimal("-1E-1000"), new BigDecimal("9".repeat(1000) + ".5")));
    candidates.put(ColumnType.BOOLEAN, List.of(true, false));

    candidates.forEach((type, values) -> {
      for (Object value : values) {
        assertEquals(
            comesBackUnchanged(engine, type, value), engine.canStore(type, value), () -> type + " " + value);
      }
    });
    // the list above would prove nothing if every value were storable, or none
    assertFalse(engine.canStore(ColumnType.STRING, "before\0after"));
    assertTrue(engine.canStore(ColumnType.STRING, "no nul here 😀"));
  }

  private static boolean comesBackUnchanged(PostgresEngine engine, ColumnType type, Object value) {
    try {
      String table = engine.createTable("stored", List.of(Column.of("c", type)), List.of(List.of(value)));
      return List.of(List.of(value)).equals(engine.query("SELECT \"c\" FROM " + table, List.of()));
    } catch (IllegalStateException | DateTimeException refused) {
      return false;
    }
  }
}
