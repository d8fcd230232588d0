package io.meshgov.engine.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.ColumnType;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MasksTest {
  // Expected hashes computed with: printf '%s' '<salt><value>' | sha256sum
  private static final String SHA256_EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String SHA256_JANE =
      "a2327573224b6c023cc60a440a85830a8894f467ea13f33f36290059e2e8193f";
  private static final String SHA256_PEPPER_JANE =
      "da8cb2ec784423304e017146ccfc11b365dc862c0e24b5342350be5d8c063466";
  private static final String SHA256_CARD =
      "9bbef19476623ca56c17da75fd57734dbf82530686043a6e491c6d71befe8f6e";
  private static final String SHA256_PEPPER_CARD =
      "17377e973e763f2b43b26fc71306e7ea51306efeb769d1e32507bec9ee848709";
  private static final String SHA256_PEPPER =
      "8cbbcf29d9cef89675c5f5c1dcfe827d0570416a5aaba30dd0de159661ad905b";
  private static final String SHA256_HELLO_WORLD_EMOJI =
      "4d51765c5c512fcd71d5dfbb7bdf72e9ec2cb09bb2dfac7cdf3949fcd48f7613";
  private static final String SHA256_K3Y_EMOJI =
      "aae8bcd4f8c3bdf7446b22c4c45f7aad3b8190f6efb0d940cde6676493902dd5";

  private static final String CARD = "4111111111111111";

  private static Mask mask(MaskMethod method, Object... nameValuePairs) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      parameters.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return new Mask(method, parameters);
  }

  private static Map<String, Object> params(Object... nameValuePairs) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      parameters.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return parameters;
  }

  private static Object apply(Mask mask, ColumnType type, Object value) {
    return Masks.apply(mask, type, value);
  }

  /** A non-null sample value of each column type, in the type's normalized Java class. */
  private static Object sample(ColumnType type) {
    switch (type) {
      case STRING:
        return "jane@corp.com";
      case INTEGER:
        return 42L;
      case DECIMAL:
        return new BigDecimal("12.34");
      case BOOLEAN:
        return Boolean.TRUE;
      case DATE:
        return LocalDate.of(2024, 7, 15);
      case TIMESTAMP:
        return Instant.parse("2024-07-15T10:11:12Z");
      default:
        throw new AssertionError(type);
    }
  }

  private static Class<?> resultClass(ColumnType type) {
    switch (type) {
      case STRING:
        return String.class;
      case INTEGER:
        return Long.class;
      case DECIMAL:
        return BigDecimal.class;
      case BOOLEAN:
        return Boolean.class;
      case DATE:
        return LocalDate.class;
      case TIMESTAMP:
        return Instant.class;
      default:
        throw new AssertionError(type);
    }
  }

  private static String column(ColumnType type) {
    return (type == ColumnType.INTEGER ? "an " : "a ") + type.wireName() + " column";
  }

  static Stream<Arguments> everyMethodAndType() {
    List<Arguments> all = new ArrayList<>();
    for (MaskMethod method : MaskMethod.values()) {
      for (ColumnType type : ColumnType.values()) {
        all.add(Arguments.of(method, type));
      }
    }
    return all.stream();
  }

  // ---- partial ----

  @Test
  void partial_cardNumber_showsLastFour() {
    assertEquals("************1111", apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, CARD));
  }

  @Test
  void partial_defaults_areExplicitDefaults() {
    Mask explicit = mask(MaskMethod.PARTIAL, "showFirst", 0, "showLast", 4, "maskChar", "*");
    assertEquals("************1111", apply(explicit, ColumnType.STRING, CARD));
  }

  @Test
  void partial_showFirstAndLast_masksTheMiddle() {
    Mask mask = mask(MaskMethod.PARTIAL, "showFirst", 2, "showLast", 2);
    assertEquals("ab****gh", apply(mask, ColumnType.STRING, "abcdefgh"));
  }

  @Test
  void partial_showFirstOnly_masksTheRest() {
    Mask mask = mask(MaskMethod.PARTIAL, "showFirst", 1, "showLast", 0, "maskChar", "#");
    assertEquals("s#####", apply(mask, ColumnType.STRING, "secret"));
  }

  @Test
  void partial_showNothing_masksEverything() {
    Mask mask = mask(MaskMethod.PARTIAL, "showLast", 0);
    assertEquals("***", apply(mask, ColumnType.STRING, "abc"));
  }

  @Test
  void partial_valueAsLongAsShown_maskedWhole() {
    assertEquals("****", apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, "1234"));
  }

  @Test
  void partial_valueShorterThanShown_maskedWhole() {
    assertEquals("***", apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, "123"));
    Mask mask = mask(MaskMethod.PARTIAL, "showFirst", 2, "showLast", 3);
    assertEquals("*****", apply(mask, ColumnType.STRING, "abcde"));
    assertEquals("ab*def", apply(mask, ColumnType.STRING, "abcdef"));
  }

  @Test
  void partial_emptyValue_staysEmpty() {
    assertEquals("", apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, ""));
  }

  @Test
  void partial_hugeShowCounts_maskWholeWithoutOverflow() {
    Mask mask =
        mask(MaskMethod.PARTIAL, "showFirst", Integer.MAX_VALUE, "showLast", Integer.MAX_VALUE);
    assertEquals("***", apply(mask, ColumnType.STRING, "abc"));
  }

  @Test
  void partial_nonBmpCharacters_countAsOneCodePoint() {
    String value = "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE0012345"; // 4 emoji + 5 digits
    Object masked = apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, value);
    assertEquals("*****2345", masked);
  }

  @Test
  void partial_nonBmpCharactersShown_keptWhole() {
    Mask mask = mask(MaskMethod.PARTIAL, "showFirst", 1, "showLast", 1);
    assertEquals(
        "\uD83D\uDE00******g", apply(mask, ColumnType.STRING, "\uD83D\uDE00bc\uD83D\uDE00defg"));
    assertEquals(
        "\uD83D\uDE00**\uD83D\uDE01", apply(mask, ColumnType.STRING, "\uD83D\uDE00ab\uD83D\uDE01"));
  }

  @Test
  void partial_shortNonBmpValue_maskedWholeByCodePoints() {
    assertEquals(
        "**", apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, "\uD83D\uDE00\uD83D\uDE00"));
  }

  @Test
  void partial_nonBmpMaskChar_repeatedPerCodePoint() {
    String lock = "\uD83D\uDD12";
    Mask mask = mask(MaskMethod.PARTIAL, "showLast", 2, "maskChar", lock);
    assertEquals(lock + lock + "cd", apply(mask, ColumnType.STRING, "abcd"));
    assertEquals(lock + lock, apply(mask, ColumnType.STRING, "ab"));
  }

  @Test
  void partial_combiningMarks_areCodePointsOfTheirOwn() {
    // "e" + COMBINING ACUTE ACCENT is two code points: partial counts code points, not graphemes.
    assertEquals("**", apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, "e\u0301"));
    Mask mask = mask(MaskMethod.PARTIAL, "showLast", 1);
    assertEquals("*\u0301", apply(mask, ColumnType.STRING, "e\u0301"));
  }

  @Test
  void partial_charSequence_returnsString() {
    Object masked = apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, new StringBuilder(CARD));
    assertEquals("************1111", masked);
    assertInstanceOf(String.class, masked);
  }

  // ---- email ----

  @Test
  void email_address_masksLocalPartKeepsDomain() {
    assertEquals(
        "****@corp.com", apply(Mask.of(MaskMethod.EMAIL), ColumnType.STRING, "jane@corp.com"));
  }

  @Test
  void email_anyLocalPartLength_becomesFourStars() {
    MaskFunction email = Masks.compile(Mask.of(MaskMethod.EMAIL), ColumnType.STRING);
    assertEquals("****@x.io", email.apply("j@x.io"));
    assertEquals("****@corp.com", email.apply("a.very.long.name+tag@corp.com"));
    assertEquals("****@corp.com", email.apply("@corp.com"));
  }

  @Test
  void email_multipleAt_keepsFromTheLast() {
    MaskFunction email = Masks.compile(Mask.of(MaskMethod.EMAIL), ColumnType.STRING);
    assertEquals("****@corp.com", email.apply("\"jane@home\"@corp.com"));
    assertEquals("****@c", email.apply("a@b@c"));
  }

  @Test
  void email_trailingAt_keepsTheAt() {
    assertEquals("****@", apply(Mask.of(MaskMethod.EMAIL), ColumnType.STRING, "jane@"));
  }

  @Test
  void email_noAt_becomesFourStars() {
    MaskFunction email = Masks.compile(Mask.of(MaskMethod.EMAIL), ColumnType.STRING);
    assertEquals("****", email.apply("not-an-email"));
    assertEquals("****", email.apply(""));
  }

  @Test
  void email_nonBmpDomain_keptAsIs() {
    assertEquals(
        "****@\uD83D\uDE00.com",
        apply(Mask.of(MaskMethod.EMAIL), ColumnType.STRING, "j\uD83D\uDE00ne@\uD83D\uDE00.com"));
  }

  // ---- year ----

  @Test
  void year_date_becomesJanuaryFirst() {
    MaskFunction year = Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.DATE);
    assertEquals(LocalDate.of(2024, 1, 1), year.apply(LocalDate.of(2024, 12, 31)));
    assertEquals(LocalDate.of(2024, 1, 1), year.apply(LocalDate.of(2024, 1, 1)));
    assertEquals(LocalDate.of(2000, 1, 1), year.apply(LocalDate.of(2000, 2, 29)));
    assertEquals(LocalDate.of(1900, 1, 1), year.apply(LocalDate.of(1900, 3, 1)));
  }

  @Test
  void year_dateExtremes_stayInRange() {
    MaskFunction year = Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.DATE);
    assertEquals(LocalDate.MIN, year.apply(LocalDate.MIN));
    assertEquals(LocalDate.of(999_999_999, 1, 1), year.apply(LocalDate.MAX));
  }

  @Test
  void year_timestamp_becomesJanuaryFirstMidnightUtc() {
    MaskFunction year = Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.TIMESTAMP);
    assertEquals(
        Instant.parse("2024-01-01T00:00:00Z"), year.apply(Instant.parse("2024-12-31T23:59:59Z")));
    assertEquals(
        Instant.parse("2024-01-01T00:00:00Z"),
        year.apply(Instant.parse("2024-12-31T23:59:59.999999999Z")));
    assertEquals(
        Instant.parse("2024-01-01T00:00:00Z"), year.apply(Instant.parse("2024-01-01T00:00:00Z")));
    assertEquals(
        Instant.parse("2000-01-01T00:00:00Z"), year.apply(Instant.parse("2000-12-31T12:00:00Z")));
  }

  @Test
  void year_timestampBeforeEpoch_becomesJanuaryFirstOfItsYear() {
    MaskFunction year = Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.TIMESTAMP);
    assertEquals(
        Instant.parse("1969-01-01T00:00:00Z"), year.apply(Instant.parse("1969-06-15T12:00:00Z")));
    assertEquals(
        Instant.parse("1969-01-01T00:00:00Z"), year.apply(Instant.parse("1969-12-31T23:59:59.5Z")));
    assertEquals(
        Instant.parse("1600-01-01T00:00:00Z"), year.apply(Instant.parse("1600-03-01T00:00:00Z")));
  }

  @Test
  void year_timestampExtremes_stayInRange() {
    MaskFunction year = Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.TIMESTAMP);
    assertEquals(Instant.MIN, year.apply(Instant.MIN));
    assertEquals(Instant.parse("+1000000000-01-01T00:00:00Z"), year.apply(Instant.MAX));
  }

  @Test
  void year_offsetDateTime_usesUtcYearAndReturnsInstant() {
    MaskFunction year = Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.TIMESTAMP);
    // 2025-01-01T00:30+01:00 is 2024-12-31T23:30Z: its UTC year is 2024.
    OffsetDateTime value = OffsetDateTime.of(2025, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHours(1));
    assertEquals(Instant.parse("2024-01-01T00:00:00Z"), year.apply(value));
  }

  @Test
  void year_zonedDateTime_usesUtcYearAndReturnsInstant() {
    MaskFunction year = Masks.compile(Mask.of(MaskMethod.YEAR), ColumnType.TIMESTAMP);
    // 2024-12-31T20:30 in New York is 2025-01-01T01:30Z: its UTC year is 2025.
    ZonedDateTime value =
        ZonedDateTime.of(2024, 12, 31, 20, 30, 0, 0, ZoneId.of("America/New_York"));
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), year.apply(value));
  }

  // ---- hash ----

  @Test
  void hash_withoutSalt_isSha256OfValue() {
    MaskFunction hash = Masks.compile(Mask.of(MaskMethod.HASH), ColumnType.STRING);
    assertEquals(SHA256_JANE, hash.apply("jane@corp.com"));
    assertEquals(SHA256_CARD, hash.apply(CARD));
  }

  @Test
  void hash_withSalt_isSha256OfSaltThenValue() {
    MaskFunction hash = Masks.compile(mask(MaskMethod.HASH, "salt", "pepper"), ColumnType.STRING);
    assertEquals(SHA256_PEPPER_JANE, hash.apply("jane@corp.com"));
    assertEquals(SHA256_PEPPER_CARD, hash.apply(CARD));
  }

  @Test
  void hash_emptySalt_sameAsNoSalt() {
    assertEquals(
        SHA256_JANE, apply(mask(MaskMethod.HASH, "salt", ""), ColumnType.STRING, "jane@corp.com"));
  }

  @Test
  void hash_emptyValue_hashesSaltAlone() {
    assertEquals(SHA256_EMPTY, apply(Mask.of(MaskMethod.HASH), ColumnType.STRING, ""));
    assertEquals(
        SHA256_PEPPER, apply(mask(MaskMethod.HASH, "salt", "pepper"), ColumnType.STRING, ""));
  }

  @Test
  void hash_nonAsciiValue_hashesUtf8() {
    assertEquals(
        SHA256_HELLO_WORLD_EMOJI,
        apply(Mask.of(MaskMethod.HASH), ColumnType.STRING, "h\u00e9llo w\u00f6rld \uD83D\uDE00"));
  }

  @Test
  void hash_saltEndingInHighSurrogate_pairsWithValue() {
    // UTF-8 of (salt + value), not of salt and value apart: together they make one emoji.
    Mask mask = mask(MaskMethod.HASH, "salt", "k3y\uD83D");
    assertEquals(SHA256_K3Y_EMOJI, apply(mask, ColumnType.STRING, "\uDE00"));
  }

  @Test
  void hash_charSequence_hashesItsText() {
    assertEquals(
        SHA256_JANE,
        apply(Mask.of(MaskMethod.HASH), ColumnType.STRING, new StringBuilder("jane@corp.com")));
  }

  @Test
  void hash_toString_hidesSalt() {
    MaskFunction hash = Masks.compile(mask(MaskMethod.HASH, "salt", "pepper"), ColumnType.STRING);
    assertEquals("MaskFunction[hash on string]", hash.toString());
  }

  @Test
  void hash_compiledFromSeveralThreads_givesSha256Everywhere() throws Exception {
    MaskFunction hash = Masks.compile(mask(MaskMethod.HASH, "salt", "pepper"), ColumnType.STRING);
    int threads = 8;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  MessageDigest reference = MessageDigest.getInstance("SHA-256");
                  start.await();
                  int mismatches = 0;
                  for (int i = 0; i < perThread; i++) {
                    String value = "user-" + thread + "-" + i + "@corp.com";
                    String expected =
                        HexFormat.of()
                            .formatHex(
                                reference.digest(
                                    ("pepper" + value).getBytes(StandardCharsets.UTF_8)));
                    if (!expected.equals(hash.apply(value))) {
                      mismatches++;
                    }
                  }
                  return mismatches;
                }));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertEquals(0, result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(SHA256_PEPPER_JANE, hash.apply("jane@corp.com"));
  }

  // ---- redact ----

  @Test
  void redact_default_isFourStars() {
    assertEquals("****", apply(Mask.of(MaskMethod.REDACT), ColumnType.STRING, "jane@corp.com"));
    assertEquals("****", apply(Mask.of(MaskMethod.REDACT), ColumnType.STRING, CARD));
    assertEquals("****", apply(Mask.of(MaskMethod.REDACT), ColumnType.STRING, ""));
  }

  @Test
  void redact_replacement_replacesWholeValue() {
    assertEquals(
        "[hidden]",
        apply(mask(MaskMethod.REDACT, "replacement", "[hidden]"), ColumnType.STRING, CARD));
    assertEquals("", apply(mask(MaskMethod.REDACT, "replacement", ""), ColumnType.STRING, CARD));
  }

  // ---- default ----

  @Test
  void default_string_isEmpty() {
    assertEquals("", apply(Mask.of(MaskMethod.DEFAULT), ColumnType.STRING, "jane@corp.com"));
  }

  @Test
  void default_integer_isZeroLongForEveryAcceptedClass() {
    MaskFunction zero = Masks.compile(Mask.of(MaskMethod.DEFAULT), ColumnType.INTEGER);
    for (Object value : List.of(42L, 42, (short) 42, (byte) 42, BigInteger.TEN.pow(30))) {
      assertEquals(0L, zero.apply(value), value.getClass().getName());
    }
  }

  @Test
  void default_decimal_isZeroPointZeroForEveryAcceptedClass() {
    MaskFunction zero = Masks.compile(Mask.of(MaskMethod.DEFAULT), ColumnType.DECIMAL);
    for (Object value : List.of(new BigDecimal("12.34"), 12.34d, 12.34f, Double.NaN)) {
      Object masked = zero.apply(value);
      assertEquals(new BigDecimal("0.0"), masked, value.getClass().getName());
      assertEquals(1, ((BigDecimal) masked).scale());
    }
  }

  @Test
  void default_boolean_isFalse() {
    assertEquals(Boolean.FALSE, apply(Mask.of(MaskMethod.DEFAULT), ColumnType.BOOLEAN, true));
    assertEquals(Boolean.FALSE, apply(Mask.of(MaskMethod.DEFAULT), ColumnType.BOOLEAN, false));
  }

  @Test
  void default_date_isEpochDay() {
    assertEquals(
        LocalDate.of(1970, 1, 1),
        apply(Mask.of(MaskMethod.DEFAULT), ColumnType.DATE, LocalDate.of(2024, 7, 15)));
  }

  @Test
  void default_timestamp_isEpochForEveryAcceptedClass() {
    MaskFunction epoch = Masks.compile(Mask.of(MaskMethod.DEFAULT), ColumnType.TIMESTAMP);
    assertEquals(Instant.EPOCH, epoch.apply(Instant.parse("2024-07-15T10:11:12Z")));
    assertEquals(Instant.EPOCH, epoch.apply(OffsetDateTime.parse("2024-07-15T10:11:12+02:00")));
    assertEquals(
        Instant.EPOCH, epoch.apply(ZonedDateTime.parse("2024-07-15T10:11:12+02:00[Europe/Paris]")));
  }

  // ---- nullify ----

  @ParameterizedTest
  @EnumSource(ColumnType.class)
  void nullify_everyType_isNull(ColumnType type) {
    assertNull(apply(Mask.of(MaskMethod.NULLIFY), type, sample(type)));
  }

  // ---- every method, every type ----

  @ParameterizedTest
  @MethodSource("everyMethodAndType")
  void anyMethod_null_staysNull(MaskMethod method, ColumnType type) {
    assertNull(Masks.apply(Mask.of(method.escalatedFor(type)), type, null));
  }

  @ParameterizedTest
  @MethodSource("everyMethodAndType")
  void anyMethod_applyingType_keepsColumnType(MaskMethod method, ColumnType type) {
    if (!method.appliesTo(type)) {
      return;
    }
    Object masked = Masks.apply(Mask.of(method), type, sample(type));
    if (method == MaskMethod.NULLIFY) {
      assertNull(masked);
    } else {
      assertInstanceOf(resultClass(type), masked);
    }
  }

  @ParameterizedTest
  @MethodSource("everyMethodAndType")
  void anyMethod_escalatedForType_keepsColumnType(MaskMethod method, ColumnType type) {
    MaskMethod escalated = method.escalatedFor(type);
    assertTrue(escalated.appliesTo(type));
    Object masked = Masks.apply(Mask.of(escalated), type, sample(type));
    if (escalated == MaskMethod.NULLIFY) {
      assertNull(masked);
    } else {
      assertInstanceOf(resultClass(type), masked);
    }
  }

  @ParameterizedTest
  @MethodSource("everyMethodAndType")
  void anyMethod_notApplyingType_rejectedAtCompile(MaskMethod method, ColumnType type) {
    if (method.appliesTo(type)) {
      return;
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Masks.compile(Mask.of(method), type));
    assertEquals(
        "mask method '"
            + method.wireName()
            + "' does not apply to "
            + column(type)
            + "; compile the method it escalates to, '"
            + method.escalatedFor(type).wireName()
            + "' (MaskMethod.escalatedFor)",
        e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("everyMethodAndType")
  void anyMethod_wrongJavaType_rejectedNamingClassNotValue(MaskMethod method, ColumnType type) {
    MaskFunction function = Masks.compile(Mask.of(method.escalatedFor(type)), type);
    Object wrong = type == ColumnType.STRING ? (Object) 4111111111111111L : (Object) "s3cr3t-value";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> function.apply(wrong));
    assertTrue(e.getMessage().startsWith(column(type) + " value must be "), e.getMessage());
    assertTrue(e.getMessage().endsWith(", not " + wrong.getClass().getName()), e.getMessage());
    assertFalse(e.getMessage().contains(String.valueOf(wrong)), e.getMessage());
  }

  // ---- escalation ----

  @Test
  void escalation_emailOnDate_becomesYear() {
    MaskMethod applied = MaskMethod.EMAIL.escalatedFor(ColumnType.DATE);
    assertSame(MaskMethod.YEAR, applied);
    assertEquals(
        LocalDate.of(2024, 1, 1),
        apply(Mask.of(applied), ColumnType.DATE, LocalDate.of(2024, 5, 5)));
  }

  @Test
  void escalation_partialOnTimestamp_becomesYear() {
    MaskMethod applied = MaskMethod.PARTIAL.escalatedFor(ColumnType.TIMESTAMP);
    assertSame(MaskMethod.YEAR, applied);
    assertEquals(
        Instant.parse("2024-01-01T00:00:00Z"),
        apply(Mask.of(applied), ColumnType.TIMESTAMP, Instant.parse("2024-12-31T23:59:59Z")));
  }

  @Test
  void escalation_hashOnDecimal_becomesDefault() {
    MaskMethod applied = MaskMethod.HASH.escalatedFor(ColumnType.DECIMAL);
    assertSame(MaskMethod.DEFAULT, applied);
    assertEquals(
        new BigDecimal("0.0"),
        apply(Mask.of(applied), ColumnType.DECIMAL, new BigDecimal("99.95")));
  }

  @Test
  void escalation_yearOnString_becomesHash() {
    MaskMethod applied = MaskMethod.YEAR.escalatedFor(ColumnType.STRING);
    assertSame(MaskMethod.HASH, applied);
    assertEquals(SHA256_JANE, apply(Mask.of(applied), ColumnType.STRING, "jane@corp.com"));
  }

  @Test
  void escalation_partialOnIntegerAndRedactOnBoolean_becomeDefault() {
    assertEquals(
        0L,
        apply(
            Mask.of(MaskMethod.PARTIAL.escalatedFor(ColumnType.INTEGER)),
            ColumnType.INTEGER,
            1234));
    assertEquals(
        false,
        apply(
            Mask.of(MaskMethod.REDACT.escalatedFor(ColumnType.BOOLEAN)), ColumnType.BOOLEAN, true));
  }

  // ---- wrong value types ----

  @Test
  void apply_stringColumnGivenLong_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> apply(Mask.of(MaskMethod.PARTIAL), ColumnType.STRING, 4111111111111111L));
    assertEquals(
        "a string column value must be a java.lang.CharSequence, not java.lang.Long",
        e.getMessage());
  }

  @Test
  void apply_integerColumnGivenString_rejectedWithoutValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> apply(Mask.of(MaskMethod.DEFAULT), ColumnType.INTEGER, "4111111111111111"));
    assertEquals(
        "an integer column value must be a Long, Integer, Short, Byte or BigInteger, not"
            + " java.lang.String",
        e.getMessage());
  }

  @Test
  void apply_decimalColumnGivenLong_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> apply(Mask.of(MaskMethod.DEFAULT), ColumnType.DECIMAL, 12L));
    assertEquals(
        "a decimal column value must be a BigDecimal, Double or Float, not java.lang.Long",
        e.getMessage());
  }

  @Test
  void apply_booleanColumnGivenString_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> apply(Mask.of(MaskMethod.NULLIFY), ColumnType.BOOLEAN, "true"));
    assertEquals(
        "a boolean column value must be a java.lang.Boolean, not java.lang.String", e.getMessage());
  }

  @Test
  void apply_dateColumnGivenInstant_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> apply(Mask.of(MaskMethod.YEAR), ColumnType.DATE, Instant.EPOCH));
    assertEquals(
        "a date column value must be a java.time.LocalDate, not java.time.Instant", e.getMessage());
  }

  @Test
  void apply_timestampColumnGivenLocalDateTime_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                apply(
                    Mask.of(MaskMethod.YEAR),
                    ColumnType.TIMESTAMP,
                    LocalDateTime.of(2024, 1, 2, 3, 4)));
    assertEquals(
        "a timestamp column value must be a java.time.Instant, OffsetDateTime or ZonedDateTime, not"
            + " java.time.LocalDateTime",
        e.getMessage());
  }

  @Test
  void apply_redactGivenNonString_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> apply(Mask.of(MaskMethod.REDACT), ColumnType.STRING, 7));
    assertEquals(
        "a string column value must be a java.lang.CharSequence, not java.lang.Integer",
        e.getMessage());
  }

  // ---- parameters ----

  @Test
  void checkParameters_validParameters_noProblems() {
    assertEquals(
        List.of(),
        Masks.checkParameters(
            MaskMethod.PARTIAL, params("showFirst", 1, "showLast", 2, "maskChar", "#")));
    assertEquals(
        List.of(), Masks.checkParameters(MaskMethod.PARTIAL, params("maskChar", "\uD83D\uDD12")));
    assertEquals(List.of(), Masks.checkParameters(MaskMethod.HASH, params("salt", "pepper")));
    assertEquals(List.of(), Masks.checkParameters(MaskMethod.REDACT, params("replacement", "")));
    assertEquals(List.of(), Masks.checkParameters(MaskMethod.EMAIL, Map.of()));
  }

  @Test
  void checkParameters_integralNumbersInIntRange_accepted() {
    assertEquals(
        List.of(),
        Masks.checkParameters(
            MaskMethod.PARTIAL, params("showFirst", 3L, "showLast", BigInteger.TWO)));
  }

  @Test
  void checkParameters_misspelledName_suggestsTheRightOne() {
    assertEquals(
        List.of("mask method 'partial' has no parameter 'showlast' (did you mean 'showLast'?)"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("showlast", 2)));
    assertEquals(
        List.of("mask method 'redact' has no parameter 'replacment' (did you mean 'replacement'?)"),
        Masks.checkParameters(MaskMethod.REDACT, params("replacment", "x")));
  }

  @Test
  void checkParameters_transposedLetters_suggestLikeOtherProblems() {
    // Two transpositions are two edits for every "did you mean" (Suggestions), four for Levenshtein.
    assertEquals(
        List.of("mask method 'partial' has no parameter 'shwoFisrt' (did you mean 'showFirst'?)"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("shwoFisrt", 1)));
  }

  @Test
  void checkParameters_unknownName_listsAcceptedOnes() {
    assertEquals(
        List.of(
            "mask method 'partial' has no parameter 'salt' (it takes showFirst, showLast,"
                + " maskChar)"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("salt", "x")));
  }

  @Test
  void checkParameters_methodWithoutParameters_saysItTakesNone() {
    assertEquals(
        List.of("mask method 'email' has no parameter 'showLast' (it takes none)"),
        Masks.checkParameters(MaskMethod.EMAIL, params("showLast", 2)));
  }

  @Test
  void checkParameters_wrongTypes_nameExpectedAndFoundKinds() {
    assertEquals(
        List.of(
            "mask parameter 'showFirst' must be an integer, not a string",
            "mask parameter 'showLast' must be an integer, not a decimal number",
            "mask parameter 'maskChar' must be a string, not an integer"),
        Masks.checkParameters(
            MaskMethod.PARTIAL, params("showFirst", "2", "showLast", 2.0, "maskChar", 42)));
    assertEquals(
        List.of("mask parameter 'salt' must be a string, not a boolean"),
        Masks.checkParameters(MaskMethod.HASH, params("salt", true)));
    assertEquals(
        List.of("mask parameter 'replacement' must be a string, not null"),
        Masks.checkParameters(MaskMethod.REDACT, params("replacement", null)));
    assertEquals(
        List.of("mask parameter 'replacement' must be a string, not a list"),
        Masks.checkParameters(MaskMethod.REDACT, params("replacement", List.of("a"))));
  }

  @Test
  void checkParameters_negativeCounts_rejected() {
    assertEquals(
        List.of(
            "mask parameter 'showFirst' must not be negative",
            "mask parameter 'showLast' must not be negative"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("showFirst", -1, "showLast", -3L)));
  }

  @Test
  void checkParameters_countBeyondInt_rejected() {
    assertEquals(
        List.of("mask parameter 'showLast' must be at most 2147483647"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("showLast", 3_000_000_000L)));
  }

  @Test
  void checkParameters_maskCharNotOneCodePoint_rejected() {
    assertEquals(
        List.of("mask parameter 'maskChar' must be exactly one Unicode code point (it is empty)"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("maskChar", "")));
    assertEquals(
        List.of("mask parameter 'maskChar' must be exactly one Unicode code point (it has 2)"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("maskChar", "**")));
    assertEquals(
        List.of(
            "mask parameter 'maskChar' must be exactly one Unicode code point (it is an unpaired"
                + " surrogate)"),
        Masks.checkParameters(MaskMethod.PARTIAL, params("maskChar", "\uD800")));
  }

  @Test
  void checkParameters_saltOfWrongType_neverQuoted() {
    List<String> problems = Masks.checkParameters(MaskMethod.HASH, params("salt", 918273645));
    assertEquals(List.of("mask parameter 'salt' must be a string, not an integer"), problems);
  }

  @Test
  void compile_invalidParameters_throwsWithEveryProblem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Masks.compile(
                    mask(MaskMethod.PARTIAL, "showFirst", -1, "maskChar", "ab"),
                    ColumnType.STRING));
    assertEquals(
        "invalid parameters for mask method 'partial': mask parameter 'showFirst' must not be"
            + " negative; mask parameter 'maskChar' must be exactly one Unicode code point (it has"
            + " 2)",
        e.getMessage());
  }

  @Test
  void compile_wrongParameterType_throws() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Masks.compile(mask(MaskMethod.PARTIAL, "showLast", "4"), ColumnType.STRING));
    assertEquals(
        "invalid parameters for mask method 'partial': mask parameter 'showLast' must be an"
            + " integer, not a string",
        e.getMessage());
  }

  @Test
  void compile_methodNotApplying_namesTheEscalatedMethod() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Masks.compile(Mask.of(MaskMethod.EMAIL), ColumnType.DATE));
    assertEquals(
        "mask method 'email' does not apply to a date column; compile the method it escalates to,"
            + " 'year' (MaskMethod.escalatedFor)",
        e.getMessage());
  }

  @Test
  void compile_sameMaskTwice_givesEqualResults() {
    Mask mask = mask(MaskMethod.PARTIAL, "showFirst", 1, "showLast", 1, "maskChar", "x");
    MaskFunction first = Masks.compile(mask, ColumnType.STRING);
    MaskFunction second = Masks.compile(mask, ColumnType.STRING);
    assertEquals("axxxe", first.apply("abcde"));
    assertEquals(first.apply("abcde"), second.apply("abcde"));
    assertEquals(
        "MaskFunction[partial showFirst=1 showLast=1 maskChar=x on string]", first.toString());
  }
}
