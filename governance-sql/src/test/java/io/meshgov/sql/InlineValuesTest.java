package io.meshgov.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.BundleInfo;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.ProductReference;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whatever a value holds, inline it is one literal of the dialect's literal grammar, and bound it is
 * never in the text. The literal is decoded back here, so the value is proven intact too.
 */
class InlineValuesTest {
  static final List<String> HOSTILE = List.of(
      "O'Brien", "''", "\\", "\\'", "x' OR '1'='1", "-- c", "/* c", "*/", ";", "a\nb", "a\r\nb", "\t",
      "\"", "`", "\u2018\u2019\u201c\u201d", "$$", "$tag$", "U&'\\0041'", "E'\\x41'", "\ud83d\ude00",
      "e\u0301", "\u202e", "\ufeff", "\u0085", "\u2028", "plain text", "");

  private static final Pattern POSTGRES = Pattern.compile("'(?:[^'\\\\])*'|E'(?:[^'\\\\]|\\\\u[0-9A-F]{4}|\\\\U[0-9A-F]{8})*'");
  private static final Pattern TRINO = Pattern.compile("'[^'\\\\]*'|U&'(?:[^'\\\\]|\\\\[0-9A-F]{4}|\\\\\\+[0-9A-F]{6})*'");
  private static final Pattern SPARK = Pattern.compile("'[^'\\\\]*'|decode\\(unhex\\('([0-9A-F]*)'\\), 'UTF-8'\\)");

  private static final DataProduct PRODUCT = new DataProduct("test.regions", "test", "o@example.com", "1.0.0",
      Classification.INTERNAL, List.of(), List.of(Column.of("region", ColumnType.STRING)));

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aHostileValueInlineIsOneLiteralThatDecodesToItself(SqlDialect dialect) {
    for (String hostile : HOSTILE) {
      String sql = inlineFilter(dialect, hostile);
      String prefix = dialect == SqlDialect.SPARK ? "(`region` = " : "(\"region\" = ";
      assertTrue(sql.startsWith(prefix) && sql.endsWith(")"), sql);
      String literal = sql.substring(prefix.length(), sql.length() - 1);
      Matcher matcher = grammar(dialect).matcher(literal);
      assertTrue(matcher.matches(), dialect + " literal for " + escape(hostile) + ": " + literal);
      assertEquals(hostile, decode(dialect, literal), literal);
    }
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aBoundValueNeverReachesTheText(SqlDialect dialect) {
    for (String hostile : HOSTILE) {
      SqlFragment fragment = SqlRenderer.of(dialect).rowFilter(decision(hostile), PRODUCT, Rendering.BIND).orElseThrow();
      assertEquals(List.of(SqlParameter.string(hostile)), fragment.parameters());
      String other = SqlRenderer.of(dialect).rowFilter(decision("x"), PRODUCT, Rendering.BIND).orElseThrow().sql();
      assertEquals(other, fragment.sql(), "the bound text does not depend on the value");
    }
  }

  @org.junit.jupiter.api.Test
  void postgresqlRefusesNulInline() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> inlineFilter(SqlDialect.POSTGRESQL, "a\u0000b"));
    assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void nulIsOneEscapeInTrinoAndSpark() {
    assertEquals("(\"region\" = U&'a\\0000b')", inlineFilter(SqlDialect.TRINO, "a\u0000b"));
    assertEquals("(`region` = decode(unhex('610062'), 'UTF-8'))", inlineFilter(SqlDialect.SPARK, "a\u0000b"));
  }

  private static String inlineFilter(SqlDialect dialect, String value) {
    return SqlRenderer.of(dialect).rowFilter(decision(value), PRODUCT, Rendering.INLINE).orElseThrow().sql();
  }

  /** The residual the engine writes for {@code region == subject.attributes.region}. */
  static Decision decision(String value) {
    StringBuilder literal = new StringBuilder("\"");
    value.codePoints().forEach(c -> literal.append(String.format(c <= 0xFFFF ? "\\u%04x" : "\\U%08x", c)));
    literal.append('"');
    RuleReference rule = new RuleReference("global.residency/region", "1.0.0");
    return new Decision("d", Effect.PERMIT, new ProductReference(PRODUCT.id(), PRODUCT.version()),
        List.of(ColumnDecision.allow("region", ColumnType.STRING)),
        List.of(new RowFilter(rule, "region == " + literal)), null, List.of(),
        new BundleInfo("b", null, "0"), Instant.EPOCH, List.of(rule), List.of());
  }

  private static Pattern grammar(SqlDialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        return POSTGRES;
      case TRINO:
        return TRINO;
      default:
        return SPARK;
    }
  }

  /** Reads a literal back as the engine would. */
  private static String decode(SqlDialect dialect, String literal) {
    if (dialect == SqlDialect.SPARK && literal.startsWith("decode")) {
      String hex = literal.substring("decode(unhex('".length(), literal.length() - "'), 'UTF-8')".length());
      return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }
    boolean escaped = literal.startsWith("E'") || literal.startsWith("U&'");
    String body = literal.substring(literal.indexOf('\'') + 1, literal.length() - 1);
    if (!escaped) {
      return body;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); ) {
      char c = body.charAt(i);
      if (c != '\\') {
        out.append(c);
        i++;
      } else if (dialect == SqlDialect.POSTGRESQL) {
        int digits = body.charAt(i + 1) == 'u' ? 4 : 8;
        out.appendCodePoint(Integer.parseInt(body.substring(i + 2, i + 2 + digits), 16));
        i += 2 + digits;
      } else {
        int digits = body.charAt(i + 1) == '+' ? 6 : 4;
        int start = i + (digits == 6 ? 2 : 1);
        out.appendCodePoint(Integer.parseInt(body.substring(start, start + digits), 16));
        i = start + digits;
      }
    }
    return out.toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u{%X}", c)));
    return out.toString();
  }
}
