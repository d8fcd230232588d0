package io.meshgov.sql.it.spark;

import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.sql.ParameterType;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlParameter;
import io.meshgov.sql.it.SqlEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark SQL as a {@link SqlEngine}: test tables are temporary views over in-memory rows, so a
 * table needs no files and is read back exactly as given.
 *
 * <p>Decimals come back at the scale of the SQL expression, e.g. {@code 1.500000000} from a {@code
 * DECIMAL(38,9)} column.
 */
public final class SparkEngine implements SqlEngine {
  private static final int DECIMAL_PRECISION = 38;
  private static final int DECIMAL_SCALE = 9;
  private static final DecimalType DECIMAL = DataTypes.createDecimalType(DECIMAL_PRECISION, DECIMAL_SCALE);

  /**
   * The valid range that Spark's DateType documents: Spark holds days beyond it, but its datetime
   * literals, casts and functions are not defined there.
   */
  private static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);
  private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);
  /** The valid range that Spark's TimestampType documents, in microseconds. */
  private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  private final SparkSession spark;

  public SparkEngine(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.SPARK;
  }

  @Override
  public String physicalType(ColumnType type) {
    switch (type) {
      case STRING:
        return "STRING";
      case INTEGER:
        return "BIGINT";
      case DECIMAL:
        return "DECIMAL(" + DECIMAL_PRECISION + "," + DECIMAL_SCALE + ")";
      case BOOLEAN:
        return "BOOLEAN";
      case DATE:
        return "DATE";
      case TIMESTAMP:
        return "TIMESTAMP";
      default:
        throw new AssertionError(type);
    }
  }

  /**
   * Everything of the column type's Java classes except: strings with an unpaired surrogate (Spark
   * holds UTF-8, which cannot encode one), integers beyond a long, decimals with more than 9
   * fractional or 29 integral digits (or not finite), dates and timestamps outside years 1 to 9999,
   * and timestamps finer than a microsecond.
   *
   * @throws IllegalArgumentException if {@code value} is of no Java class that {@code type} accepts
   */
  @Override
  public boolean canStore(ColumnType type, Object value) {
    if (value == null) {
      return true;
    }
    switch (type) {
      case STRING:
        return StandardCharsets.UTF_8.newEncoder().canEncode(string(value));
      case INTEGER:
        return !(integral(value) instanceof BigInteger big) || big.bitLength() < Long.SIZE;
      case DECIMAL:
        return fitsDecimal(value);
      case BOOLEAN:
        bool(value);
        return true;
      case DATE:
        LocalDate date = date(value);
        return !date.isBefore(FIRST_DATE) && !date.isAfter(LAST_DATE);
      case TIMESTAMP:
        Instant instant = instant(value);
        return instant.getNano() % 1_000 == 0
            && !instant.isBefore(FIRST_INSTANT)
            && !instant.isAfter(LAST_INSTANT);
      default:
        throw new AssertionError(type);
    }
  }

  /**
   * Registers {@code table} as a temporary view over {@code rows}, replacing any view of that name.
   * Column names are taken as they are (no quoting needed: no SQL is parsed here).
   *
   * @throws IllegalArgumentException if a value cannot be stored exactly (see {@link #canStore})
   */
  @Override
  public String createTable(String table, List<Column> columns, List<List<Object>> rows) {
    StructType schema =
        new StructType(
            columns.stream()
                .map(column -> new StructField(column.name(), sparkType(column.type()), true, Metadata.empty()))
                .toArray(StructField[]::new));
    List<Row> sparkRows = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row of " + table + " has " + row.size() + " values for " + columns.size() + " columns");
      }
      Object[] values = new Object[row.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = sparkValue(columns.get(i), row.get(i));
      }
      sparkRows.add(RowFactory.create(values));
    }
    spark.createDataFrame(sparkRows, schema).createOrReplaceTempView(table);
    return table;
  }

  /**
   * Binds {@code parameters} to the {@code ?} markers of {@code sql} as Spark literals: STRING,
   * BIGINT, DOUBLE, BOOLEAN and TIMESTAMP (an instant, whatever the session time zone).
   */
  @Override
  public List<List<Object>> query(String sql, List<SqlParameter> parameters) {
    Object[] arguments = parameters.stream().map(SparkEngine::argument).toArray();
    List<Row> rows = spark.sql(sql, arguments).collectAsList();
    List<List<Object>> result = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<Object> values = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        values.add(normalized(row.get(i)));
      }
      result.add(values);
    }
    return result;
  }

  private static DataType sparkType(ColumnType type) {
    switch (type) {
      case STRING:
        return DataTypes.StringType;
      case INTEGER:
        return DataTypes.LongType;
      case DECIMAL:
        return DECIMAL;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case DATE:
        return DataTypes.DateType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      default:
        throw new AssertionError(type);
    }
  }

  /** The value as the Java class Spark expects for the column's type. */
  private Object sparkValue(Column column, Object value) {
    if (!canStore(column.type(), value)) {
      throw new IllegalArgumentException(
          "Spark cannot store " + value + " exactly in " + column.type().wireName() + " column " + column.name());
    }
    if (value == null) {
      return null;
    }
    switch (column.type()) {
      case STRING:
        return string(value);
      case INTEGER:
        return integral(value).longValue();
      case DECIMAL:
        return decimal(value);
      case BOOLEAN:
        return bool(value);
      case DATE:
        return date(value);
      case TIMESTAMP:
        return instant(value);
      default:
        throw new AssertionError(column.type());
    }
  }

  private static Object argument(SqlParameter parameter) {
    Object value = parameter.value();
    if (parameter.type() == ParameterType.TIMESTAMP
        && ((Instant) value).getNano() % 1_000 != 0) {
      // Spark would silently drop the nanoseconds
      throw new IllegalArgumentException("Spark timestamps hold microseconds, not " + value);
    }
    // SqlParameter guarantees String, Long, Double, Boolean or Instant: each is a Spark literal
    // (STRING, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP)
    return value;
  }

  /** A value of a result row as one of the Java types of {@link SqlEngine}. */
  private static Object normalized(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Long
        || value instanceof BigDecimal
        || value instanceof Boolean
        || value instanceof LocalDate
        || value instanceof Instant) {
      return value;
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    } else if (value instanceof Double number) {
      if (!Double.isFinite(number)) {
        throw new IllegalStateException("Spark returned " + number + ", which no decimal holds");
      }
      return BigDecimal.valueOf(number);
    } else if (value instanceof Float number) {
      if (!Float.isFinite(number)) {
        throw new IllegalStateException("Spark returned " + number + ", which no decimal holds");
      }
      // Float.toString, the shortest decimal that reads back as this float, as BigDecimal.valueOf
      // does for a double (widening to double first would invent digits: 0.1f -> 0.10000000149...)
      return new BigDecimal(Float.toString(number));
    }
    throw new IllegalStateException(
        "Spark returned a " + value.getClass().getName() + " (" + value + "), which no meshgov column type holds");
  }

  private static Number integral(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return (Number) value;
    }
    throw wrongClass(ColumnType.INTEGER, value);
  }

  private static boolean fitsDecimal(Object value) {
    if ((value instanceof Double number && !Double.isFinite(number))
        || (value instanceof Float small && !Float.isFinite(small))) {
      return false;
    }
    BigDecimal exact = decimal(value).stripTrailingZeros();
    return exact.scale() <= DECIMAL_SCALE && exact.precision() - exact.scale() <= DECIMAL_PRECISION - DECIMAL_SCALE;
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    } else if (value instanceof Double number) {
      return BigDecimal.valueOf(number);
    } else if (value instanceof Float number) {
      return new BigDecimal(Float.toString(number));
    }
    throw wrongClass(ColumnType.DECIMAL, value);
  }

  private static String string(Object value) {
    if (value instanceof CharSequence chars) {
      return chars.toString();
    }
    throw wrongClass(ColumnType.STRING, value);
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw wrongClass(ColumnType.BOOLEAN, value);
  }

  private static LocalDate date(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    throw wrongClass(ColumnType.DATE, value);
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    } else if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    } else if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    throw wrongClass(ColumnType.TIMESTAMP, value);
  }

  private static IllegalArgumentException wrongClass(ColumnType type, Object value) {
    return new IllegalArgumentException(
        "a " + type.wireName() + " column holds no " + value.getClass().getName());
  }
}
