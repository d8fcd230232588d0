package io.meshgov.sql.it.trino;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlParameter;
import io.meshgov.sql.it.SqlEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Trino through its JDBC driver, with test tables in the memory connector ({@code
 * memory.default}).
 *
 * <p>Trino folds identifiers to lower case even when they are quoted, so a column declared as
 * {@code "Name"} is named {@code name}; values are read by position, which that does not affect.
 */
public final class TrinoEngine implements SqlEngine {
  static final String CATALOG = "memory";
  static final String SCHEMA = "default";

  // decimal(38, 9): 29 digits before the point and 9 after
  private static final int DECIMAL_PRECISION = 38;
  private static final int DECIMAL_SCALE = 9;
  // a date is a 32-bit count of days since 1970-01-01
  private static final LocalDate FIRST_DATE = LocalDate.ofEpochDay(Integer.MIN_VALUE);
  private static final LocalDate LAST_DATE = LocalDate.ofEpochDay(Integer.MAX_VALUE);
  // a timestamp with time zone keeps its milliseconds since the epoch in 52 bits (Trino's
  // DateTimeEncoding), from -69387-04-22T03:45:14.752Z to +73326-09-11T20:14:45.247999Z
  private static final Instant FIRST_INSTANT = Instant.ofEpochMilli(-(1L << 51));
  private static final Instant LAST_INSTANT = Instant.ofEpochMilli((1L << 51) - 1).plusNanos(999_000);

  private final String jdbcUrl;
  private final String schema;

  TrinoEngine(String jdbcUrl) {
    this(jdbcUrl, SCHEMA);
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  /** Runs one statement that returns no rows (an INSERT … SELECT, say). */
  void execute(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Trino rejected " + sql + ": " + e.getMessage(), e);
    }
  }

  /** An engine whose tables go to schema {@code schema} of catalog {@code memory}, created if missing. */
  TrinoEngine(String jdbcUrl, String schema) {
    this.jdbcUrl = jdbcUrl;
    this.schema = schema;
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.TRINO;
  }

  @Override
  public String physicalType(ColumnType type) {
    return physicalTypeOf(type);
  }

  private static String physicalTypeOf(ColumnType type) {
    return switch (type) {
      case STRING -> "varchar";
      case INTEGER -> "bigint";
      case DECIMAL -> "decimal(" + DECIMAL_PRECISION + "," + DECIMAL_SCALE + ")";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp(6) with time zone";
    };
  }

  /**
   * Whether a value survives the trip into a column of {@code type} and back unchanged: strings
   * must be well-formed UTF-16 (the wire is UTF-8, so a lone surrogate would arrive as {@code ?}),
   * decimals must fit decimal(38,9) without rounding, timestamps must have whole microseconds
   * (Trino would round the nanoseconds away), and dates and timestamps must lie in Trino's ranges,
   * which span about five million years for dates and from the year -69387 to 73326 for
   * timestamps.
   *
   * @throws IllegalArgumentException if {@code value} is not of the Java type that {@code type}
   *     uses: that is a mistake of the caller, not something the engine cannot store
   */
  @Override
  public boolean canStore(ColumnType type, Object value) {
    if (value == null) {
      return true;
    }
    Class<?> expected =
        switch (type) {
          case STRING -> String.class;
          case INTEGER -> Long.class;
          case DECIMAL -> BigDecimal.class;
          case BOOLEAN -> Boolean.class;
          case DATE -> LocalDate.class;
          case TIMESTAMP -> Instant.class;
        };
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(
          "a " + type.wireName() + " value is a " + expected.getSimpleName() + ", not a "
              + value.getClass().getName());
    }
    return switch (type) {
      case STRING -> isWellFormedUtf16((String) value);
      case INTEGER, BOOLEAN -> true;
      case DECIMAL -> fitsDecimalColumn((BigDecimal) value);
      case DATE -> {
        LocalDate date = (LocalDate) value;
        yield !date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE);
      }
      case TIMESTAMP -> {
        Instant instant = (Instant) value;
        yield instant.getNano() % 1_000 == 0 && !instant.isBefore(FIRST_INSTANT) && !instant.isAfter(LAST_INSTANT);
      }
    };
  }

  @Override
  public String createTable(String table, List<Column> columns, List<List<Object>> rows) {
    String qualified = quote(CATALOG) + "." + quote(schema) + "." + quote(table);
    StringJoiner definitions = new StringJoiner(", ", "CREATE TABLE " + qualified + " (", ")");
    for (Column column : columns) {
      definitions.add(quote(column.name()) + " " + physicalType(column.type()));
    }
    try (Connection connection = connect()) {
      try (Statement statement = connection.createStatement()) {
        if (!schema.equals(SCHEMA)) {
          statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(CATALOG) + "." + quote(schema));
        }
        statement.execute("DROP TABLE IF EXISTS " + qualified);
        statement.execute(definitions.toString());
      }
      if (!rows.isEmpty()) {
        insert(connection, qualified, columns, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create " + qualified + ": " + e.getMessage(), e);
    }
    return CATALOG + "." + schema + "." + table;
  }

  @Override
  public List<List<Object>> query(String sql, List<SqlParameter> parameters) {
    for (int attempt = 1; ; attempt++) {
      try {
        return queryOnce(sql, parameters);
      } catch (IllegalStateException e) {
        // On a loaded 2-core machine the single node can miss its announcement and Trino briefly
        // knows no worker: an outage of the test server, not an answer to the query.
        if (attempt == NO_NODE_ATTEMPTS || !String.valueOf(e.getMessage()).contains("No nodes available")) {
          throw e;
        }
        sleepBeforeRetry();
      }
    }
  }

  private static final int NO_NODE_ATTEMPTS = 5;

  private static void sleepBeforeRetry() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Trino had no node", interrupted);
    }
  }

  private List<List<Object>> queryOnce(String sql, List<SqlParameter> parameters) {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        bind(statement, i + 1, parameters.get(i));
      }
      try (ResultSet results = statement.executeQuery()) {
        return readAll(results);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Trino rejected " + sql + " with " + parameters + ": " + e.getMessage(), e);
    }
  }

  /** {@code name} as a quoted Trino identifier: in double quotes, embedded ones doubled. */
  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  /**
   * All rows in one INSERT: with the memory connector each statement costs far more than its
   * rows. The driver sends each bound value as a literal of its own type ({@code 'abc'} is a
   * varchar(3), a null has no type), so each placeholder is cast to its column's type.
   */
  private static void insert(Connection connection, String qualified, List<Column> columns, List<List<Object>> rows)
      throws SQLException {
    StringJoiner row = new StringJoiner(", ", "(", ")");
    for (Column column : columns) {
      row.add("CAST(? AS " + physicalTypeOf(column.type()) + ")");
    }
    String rowPlaceholders = row.toString();
    StringJoiner sql = new StringJoiner(", ", "INSERT INTO " + qualified + " VALUES ", "");
    for (int i = 0; i < rows.size(); i++) {
      sql.add(rowPlaceholders);
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int index = 1;
      for (List<Object> values : rows) {
        if (values.size() != columns.size()) {
          throw new IllegalArgumentException(
              "a row has " + values.size() + " values for " + columns.size() + " columns: " + values);
        }
        for (int i = 0; i < values.size(); i++) {
          bindCell(statement, index++, columns.get(i).type(), values.get(i));
        }
      }
      statement.executeUpdate();
    }
  }

  private static void bindCell(PreparedStatement statement, int index, ColumnType type, Object value)
      throws SQLException {
    if (value == null) {
      // an untyped NULL literal, which the CAST around the placeholder types
      statement.setNull(index, Types.NULL);
      return;
    }
    switch (type) {
      case STRING -> statement.setString(index, (String) value);
      case INTEGER -> statement.setLong(index, (Long) value);
      // as text: setBigDecimal writes BigDecimal.toString(), which is 1E-9 for 0.000000001, and
      // the cast from the exact digits to decimal(38,9) rounds nothing canStore accepts
      case DECIMAL -> statement.setString(index, ((BigDecimal) value).toPlainString());
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      // LocalDate and Instant become DATE '…' and TIMESTAMP '…+00:00' literals in the driver,
      // exact to the nanosecond; java.sql.Date and Timestamp would pass through the JVM's zone
      case DATE -> statement.setObject(index, (LocalDate) value);
      case TIMESTAMP -> statement.setObject(index, (Instant) value);
    }
  }

  private static void bind(PreparedStatement statement, int index, SqlParameter parameter) throws SQLException {
    Object value = parameter.value();
    switch (parameter.type()) {
      case STRING -> statement.setString(index, (String) value);
      case INTEGER -> statement.setLong(index, (Long) value);
      case DOUBLE -> statement.setDouble(index, (Double) value);
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      // trino-jdbc 476 takes an Instant (not an OffsetDateTime) and sends it as a timestamp with
      // time zone literal in UTC, with as many fractional digits as the instant has
      case TIMESTAMP -> statement.setObject(index, (Instant) value);
    }
  }

  private static List<List<Object>> readAll(ResultSet results) throws SQLException {
    ResultSetMetaData metadata = results.getMetaData();
    int columnCount = metadata.getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (results.next()) {
      List<Object> row = new ArrayList<>(columnCount);
      for (int column = 1; column <= columnCount; column++) {
        row.add(read(results, metadata, column));
      }
      rows.add(row);
    }
    return rows;
  }

  /** One cell as the Java type of {@link SqlEngine}'s values, or null. */
  private static Object read(ResultSet results, ResultSetMetaData metadata, int column) throws SQLException {
    if (results.getObject(column) == null) {
      return null;
    }
    int type = metadata.getColumnType(column);
    return switch (type) {
      case Types.VARCHAR, Types.CHAR -> results.getString(column);
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> results.getLong(column);
      case Types.DECIMAL -> results.getBigDecimal(column);
      case Types.DOUBLE -> BigDecimal.valueOf(finite(results.getDouble(column), metadata, column));
      // Float.toString is the shortest decimal that reads back as this float; BigDecimal.valueOf
      // would widen to double first and turn 0.1f into 0.10000000149011612
      case Types.REAL -> new BigDecimal(Float.toString((float) finite(results.getFloat(column), metadata, column)));
      case Types.BOOLEAN -> results.getBoolean(column);
      // the driver's LocalDate goes through java.sql.Date and the JVM's zone; its text is the
      // ISO-8601 date Trino sent (with a sign outside the years 0000 to 9999)
      case Types.DATE -> LocalDate.parse(results.getString(column));
      case Types.TIMESTAMP_WITH_TIMEZONE -> results.getObject(column, Instant.class);
      case Types.TIMESTAMP -> results.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
      default -> throw new IllegalStateException(
          "column " + metadata.getColumnLabel(column) + " is a " + metadata.getColumnTypeName(column)
              + ", which has no value type in SqlEngine");
    };
  }

  private static double finite(double value, ResultSetMetaData metadata, int column) throws SQLException {
    if (!Double.isFinite(value)) {
      throw new IllegalStateException(
          "column " + metadata.getColumnLabel(column) + " holds " + value + ", which no BigDecimal can");
    }
    return value;
  }

  private static boolean isWellFormedUtf16(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean fitsDecimalColumn(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > DECIMAL_SCALE) {
      return false;
    }
    return value.setScale(DECIMAL_SCALE).precision() <= DECIMAL_PRECISION;
  }
}
