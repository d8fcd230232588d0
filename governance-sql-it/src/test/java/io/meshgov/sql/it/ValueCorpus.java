package io.meshgov.sql.it;

import io.meshgov.api.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The values every engine stores and reads back through rendered SQL, per column type: the edges
 * of each mask (empty, shorter than the shown part, exactly as long, several {@code @}, none),
 * characters SQL might read as structure, characters beyond the BMP and combining marks, extreme
 * numbers, and dates far from 1970. Java types are those of {@code Masks}.
 */
final class ValueCorpus {
  /** Strings a hostile subject attribute might hold; each is also a stored value. */
  static final List<String> HOSTILE = List.of(
      "O'Brien",
      "it''s",
      "back\\slash\\",
      "\\'; DROP TABLE t; --",
      "x' OR '1'='1",
      "-- comment",
      "/* open comment",
      "semi;colon",
      "new\nline\r\n",
      "tab\there",
      "nul\u0000byte",
      "double\"quote",
      "`backtick`",
      "\u2018curly\u2019 \u201cquotes\u201d",
      "$$dollar$$ $tag$",
      "U&'\\0041'",
      "\u00e9t\u00e9 \u65e5\u672c \ud83d\ude00",
      "EU");

  private static final List<String> STRINGS = List.of(
      "",
      "a",
      "ab",
      "abcd",
      "abcde",
      "abcdefghij",
      "4111111111111111",
      "jane@corp.com",
      "a@b@corp.example",
      "@",
      "@@",
      "trailing@",
      "@leading",
      "no at sign",
      "\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00",
      "\ud83d\ude00@\ud83c\udf0d.example",
      "e\u0301e\u0301e\u0301e\u0301x",
      "  padded  ",
      " ",
      "\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8@\u4f8b\u3048.jp",
      "US",
      "MG-DE",
      "closed",
      "x".repeat(1000) + "@long.example");

  private ValueCorpus() {}

  /** Every value of {@code type}, with null first. */
  static List<Object> values(ColumnType type) {
    List<Object> values = new ArrayList<>();
    values.add(null);
    switch (type) {
      case STRING:
        values.addAll(STRINGS);
        values.addAll(HOSTILE);
        break;
      case INTEGER:
        values.addAll(List.of(0L, 1L, -1L, 2L, 42L, 1000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
            Long.MIN_VALUE + 1, 4_611_686_018_427_387_904L));
        break;
      case DECIMAL:
        for (String text : List.of("0", "0.000000001", "-0.000000001", "1", "100.5", "-99999.25",
            "12345678901234567890.123456789", "-12345678901234567890.123456789", "1000000", "0.1")) {
          values.add(new BigDecimal(text));
        }
        break;
      case BOOLEAN:
        values.addAll(List.of(true, false));
        break;
      case DATE:
        for (String text : List.of("1970-01-01", "1969-12-31", "1900-02-28", "1600-03-01", "2000-02-29",
            "2024-12-31", "2025-01-01", "2100-12-31", "2400-07-04", "9999-12-31", "0001-01-01")) {
          values.add(LocalDate.parse(text));
        }
        break;
      case TIMESTAMP:
        for (String text : List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z",
            "1969-12-31T23:59:59.500Z", "1900-01-01T00:00:00Z", "1600-02-29T12:34:56.789Z",
            "2024-12-31T23:59:59.999999Z", "2025-01-01T00:00:00Z", "2025-01-01T03:00:00Z",
            "2024-12-31T20:00:00Z", "2100-06-30T12:00:00.123456Z", "2400-02-29T00:00:00Z",
            "9999-12-31T23:59:59.999999Z")) {
          values.add(Instant.parse(text));
        }
        break;
      default:
        throw new AssertionError(type);
    }
    return Collections.unmodifiableList(values);
  }

  /** The most values any type has: the row count of a corpus table. */
  static int rows() {
    return Arrays.stream(ColumnType.values()).mapToInt(type -> values(type).size()).max().orElseThrow();
  }
}
