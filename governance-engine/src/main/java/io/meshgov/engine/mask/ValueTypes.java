package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Which Java classes each column type accepts (the table in {@link Masks}), and the message when a
 * value is not one of them.
 *
 * <p>Values are checked by class only, and messages name the class, never the value: a value may be
 * secret, and it is the thing being masked.
 */
final class ValueTypes {
  private ValueTypes() {}

  /** A string column's value as a {@link String}. */
  static String string(Object value) {
    if (value instanceof CharSequence chars) {
      return chars.toString();
    }
    throw wrongType(ColumnType.STRING, value);
  }

  /** A timestamp column's value in seconds since the epoch, whichever accepted class it is. */
  static long epochSecond(Object value) {
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    } else if (value instanceof OffsetDateTime offset) {
      return offset.toEpochSecond();
    } else if (value instanceof ZonedDateTime zoned) {
      return zoned.toEpochSecond();
    }
    throw wrongType(ColumnType.TIMESTAMP, value);
  }

  /** Throws unless {@code value} is of a class that {@code type} accepts. */
  static void check(ColumnType type, Object value) {
    boolean accepted;
    switch (type) {
      case STRING:
        accepted = value instanceof CharSequence;
        break;
      case INTEGER:
        accepted = isIntegral(value);
        break;
      case DECIMAL:
        accepted = value instanceof BigDecimal || value instanceof Double || value instanceof Float;
        break;
      case BOOLEAN:
        accepted = value instanceof Boolean;
        break;
      case DATE:
        accepted = value instanceof LocalDate;
        break;
      case TIMESTAMP:
        accepted =
            value instanceof Instant
                || value instanceof OffsetDateTime
                || value instanceof ZonedDateTime;
        break;
      default:
        throw new AssertionError(type);
    }
    if (!accepted) {
      throw wrongType(type, value);
    }
  }

  /** The integral classes: integer column values and {@code showFirst}/{@code showLast}. */
  static boolean isIntegral(@Nullable Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger;
  }

  static IllegalArgumentException wrongType(ColumnType type, Object value) {
    String accepted;
    switch (type) {
      case STRING:
        accepted = "a java.lang.CharSequence";
        break;
      case INTEGER:
        accepted = "a Long, Integer, Short, Byte or BigInteger";
        break;
      case DECIMAL:
        accepted = "a BigDecimal, Double or Float";
        break;
      case BOOLEAN:
        accepted = "a java.lang.Boolean";
        break;
      case DATE:
        accepted = "a java.time.LocalDate";
        break;
      case TIMESTAMP:
        accepted = "a java.time.Instant, OffsetDateTime or ZonedDateTime";
        break;
      default:
        throw new AssertionError(type);
    }
    return new IllegalArgumentException(
        column(type) + " value must be " + accepted + ", not " + value.getClass().getName());
  }

  /** "a string column", "an integer column". */
  static String column(ColumnType type) {
    return (type == ColumnType.INTEGER ? "an " : "a ") + type.wireName() + " column";
  }
}
