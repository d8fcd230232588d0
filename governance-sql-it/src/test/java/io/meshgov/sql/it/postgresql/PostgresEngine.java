package io.meshgov.sql.it.postgresql;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlParameter;
import io.meshgov.sql.it.SqlEngine;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@link SqlEngine} on one session of a real PostgreSQL server (see {@link EmbeddedPostgresServer}).
 *
 * <p>Values travel as JDBC typed values, never as SQL text, so what a test reads back is what
 * PostgreSQL stored: microseconds, dates far from 1970 (BC ones too, as ISO years, where 1 BC is
 * year 0), characters beyond the BMP and combining marks all survive. {@link #canStore} names
 * the values that would not.
 */
public final class PostgresEngine implements SqlEngine, AutoCloseable {

  private static final String SCHEMA = "public";

  /** PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1 bytes). */
  private static final int MAX_IDENTIFIER_BYTES = 63;

  /** 4713-01-01 BC, PostgreSQL's first date; ISO (proleptic Gregorian) years count 1 BC as 0. */
  private static final LocalDate FIRST_DATE = LocalDate.of(-4712, 1, 1);

  private static final LocalDate LAST_DATE = LocalDate.of(5_874_897, 12, 31);
  private static final Instant FIRST_INSTANT = FIRST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final Instant LAST_INSTANT = Instant.parse("+294276-12-31T23:59:59.999999Z");

  private final Connection session;

  /** Takes ownership of {@code session}, which must be in autocommit mode. */
  public PostgresEngine(Connection session) {
    this.session = session;
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.POSTGRESQL;
  }

  @Override
  public String physicalType(ColumnType type) {
    return switch (type) {
      case STRING -> "text";
      case INTEGER -> "bigint";
      case DECIMAL -> "numeric";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIMESTAMP -> "timestamptz";
    };
  }

  /**
   * False where PostgreSQL or pgjdbc would refuse the value or, worse, store another one:
   * strings with NUL (text cannot hold it; pgjdbc refuses) or an unpaired surrogate (pgjdbc's
   * UTF-8 encoder sends "?"); instants finer than a microsecond (rounded); dates and instants
   * before 4713 BC (pgjdbc sends -infinity) or after PostgreSQL's last date (refused).
   */
  @Override
  public boolean canStore(ColumnType type, Object value) {
    return switch (type) {
      case STRING -> !(value instanceof String string) || isWellFormedWithoutNul(string);
      case DATE -> !(value instanceof LocalDate date)
          || !(date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE));
      case TIMESTAMP -> !(value instanceof Instant instant)
          || (instant.getNano() % 1_000 == 0 && !instant.isBefore(FIRST_INSTANT) && !instant.isAfter(LAST_INSTANT));
      case INTEGER, DECIMAL, BOOLEAN -> true;
    };
  }

  @Override
  public String createTable(String table, List<Column> columns, List<List<Object>> rows) {
    String qualifiedTable = quoteIdentifier(SCHEMA) + "." + quoteIdentifier(table);
    StringJoiner columnDefinitions = new StringJoiner(", ", "(", ")");
    StringJoiner placeholders = new StringJoiner(", ", "(", ")");
    for (Column column : columns) {
      columnDefinitions.add(quoteIdentifier(column.name()) + " " + physicalType(column.type()));
      placeholders.add("?");
    }
    try {
      try (Statement statement = session.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + qualifiedTable);
        statement.execute("CREATE TABLE " + qualifiedTable + " " + columnDefinitions);
      }
      if (!rows.isEmpty()) {
        insertRows(qualifiedTable + " VALUES " + placeholders, columns, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create and fill table " + qualifiedTable, e);
    }
    return SCHEMA + "." + table;
  }

  @Override
  public List<List<Object>> query(String sql, List<SqlParameter> parameters) {
    try (PreparedStatement statement = session.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        bindParameter(statement, i + 1, parameters.get(i));
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        return readRows(resultSet);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL rejected the query: " + sql, e);
    }
  }

  @Override
  public void close() throws SQLException {
    session.close();
  }

  /** Double quotes around, embedded double quotes doubled: any name is taken literally. */
  static String quoteIdentifier(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("PostgreSQL cannot name anything " + describe(name));
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
      throw new IllegalArgumentException(
          "PostgreSQL would truncate identifier " + describe(name) + " to " + MAX_IDENTIFIER_BYTES + " bytes");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private void insertRows(String insertSql, List<Column> columns, List<List<Object>> rows) throws SQLException {
    try (PreparedStatement insert = session.prepareStatement("INSERT INTO " + insertSql)) {
      for (List<Object> row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException(
              "a row has " + row.size() + " values for " + columns.size() + " columns: " + row);
        }
        for (int i = 0; i < row.size(); i++) {
          bindCell(insert, i + 1, columns.get(i), row.get(i));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void bindCell(PreparedStatement insert, int index, Column column, Object value)
      throws SQLException {
    if (value == null) {
      insert.setNull(index, jdbcType(column.type()));
      return;
    }
    switch (column.type()) {
      case STRING -> insert.setString(index, cast(column, value, String.class));
      case INTEGER -> insert.setLong(index, cast(column, value, Long.class));
      case DECIMAL -> insert.setBigDecimal(index, cast(column, value, BigDecimal.class));
      case BOOLEAN -> insert.setBoolean(index, cast(column, value, Boolean.class));
      case DATE -> insert.setObject(index, cast(column, value, LocalDate.class));
      case TIMESTAMP -> insert.setObject(index, cast(column, value, Instant.class).atOffset(ZoneOffset.UTC));
    }
  }

  private static int jdbcType(ColumnType type) {
    return switch (type) {
      case STRING -> Types.VARCHAR;
      case INTEGER -> Types.BIGINT;
      case DECIMAL -> Types.NUMERIC;
      case BOOLEAN -> Types.BOOLEAN;
      case DATE -> Types.DATE;
      case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
    };
  }

  private static <T> T cast(Column column, Object value, Class<T> expected) {
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(
          "column " + column.name() + " (" + column.type().wireName() + ") holds a "
              + expected.getSimpleName() + ", not a " + value.getClass().getName());
    }
    return expected.cast(value);
  }

  private static void bindParameter(PreparedStatement statement, int index, SqlParameter parameter)
      throws SQLException {
    Object value = parameter.value();
    switch (parameter.type()) {
      case STRING -> statement.setString(index, (String) value);
      case INTEGER -> statement.setLong(index, (Long) value);
      case DOUBLE -> statement.setDouble(index, (Double) value);
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      // pgjdbc sends an OffsetDateTime typed as timestamptz, so the session zone plays no part
      case TIMESTAMP -> statement.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
    }
  }

  private static List<List<Object>> readRows(ResultSet resultSet) throws SQLException {
    ResultSetMetaData metaData = resultSet.getMetaData();
    int columnCount = metaData.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (resultSet.next()) {
      // ArrayList rather than List.of: a row may hold nulls
      List<Object> row = new ArrayList<>(columnCount);
      for (int i = 1; i <= columnCount; i++) {
        row.add(readCell(resultSet, i, metaData.getColumnTypeName(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object readCell(ResultSet resultSet, int index, String typeName) throws SQLException {
    Object value = switch (typeName) {
      case "text", "varchar", "bpchar", "name" -> resultSet.getString(index);
      case "int2", "int4", "int8" -> resultSet.getLong(index);
      case "numeric" -> resultSet.getBigDecimal(index);
      case "float4" -> readFloat4(resultSet, index);
      case "float8" -> readFloat8(resultSet, index);
      case "bool" -> resultSet.getBoolean(index);
      case "date" -> resultSet.getObject(index, LocalDate.class);
      case "timestamptz" -> toInstant(resultSet.getObject(index, OffsetDateTime.class));
      // a timestamp without zone names no instant; the harness reads it as UTC wall time
      case "timestamp" -> toInstant(resultSet.getObject(index, LocalDateTime.class));
      default -> throw new IllegalStateException(
          "column " + index + " has PostgreSQL type " + typeName + ", which the harness does not read");
    };
    return resultSet.wasNull() ? null : value;
  }

  /**
   * Through the float's own shortest decimal: widening to double first would read real 0.1 as
   * 0.10000000149011612 once pgjdbc switches a statement to binary transfer.
   */
  private static BigDecimal readFloat4(ResultSet resultSet, int index) throws SQLException {
    float value = resultSet.getFloat(index);
    if (resultSet.wasNull()) {
      return null;
    }
    requireFinite(index, value);
    return new BigDecimal(Float.toString(value));
  }

  private static BigDecimal readFloat8(ResultSet resultSet, int index) throws SQLException {
    double value = resultSet.getDouble(index);
    if (resultSet.wasNull()) {
      return null;
    }
    requireFinite(index, value);
    return BigDecimal.valueOf(value);
  }

  private static void requireFinite(int index, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalStateException("column " + index + " holds " + value + ", which no BigDecimal can hold");
    }
  }

  private static Instant toInstant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private static Instant toInstant(LocalDateTime value) {
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  private static boolean isWellFormedWithoutNul(String string) {
    for (int i = 0; i < string.length(); i++) {
      char c = string.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < string.length() && Character.isLowSurrogate(string.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(String name) {
    return "\"" + name.replace("\0", "\\0") + "\"";
  }
}
