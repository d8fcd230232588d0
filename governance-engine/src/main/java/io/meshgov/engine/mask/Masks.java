package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the mask methods of SPEC §3 into {@link MaskFunction}s, and checks mask parameters.
 *
 * <p>Values are plain Java objects, one family per column type; a mask's result is always of the
 * normalized type in the second column:
 *
 * <table>
 *   <caption>Java types per column type</caption>
 *   <tr><th>column type</th><th>result type</th><th>accepted values</th></tr>
 *   <tr><td>string</td><td>{@link String}</td><td>any {@link CharSequence}</td></tr>
 *   <tr><td>integer</td><td>{@link Long}</td>
 *       <td>{@code Long, Integer, Short, Byte, BigInteger}</td></tr>
 *   <tr><td>decimal</td><td>{@link BigDecimal}</td><td>{@code BigDecimal, Double, Float}</td></tr>
 *   <tr><td>boolean</td><td>{@link Boolean}</td><td>{@code Boolean}</td></tr>
 *   <tr><td>date</td><td>{@link LocalDate}</td><td>{@code LocalDate}</td></tr>
 *   <tr><td>timestamp</td><td>{@link Instant}</td>
 *       <td>{@code Instant, OffsetDateTime, ZonedDateTime}</td></tr>
 * </table>
 *
 * <p>Values are checked by Java class only: no method returns anything computed from an integer,
 * decimal or boolean value, so their range does not matter (a {@code NaN} double masks to 0.0).
 * {@code null} stays {@code null} under every method.
 *
 * <p>The methods, least restrictive first:
 *
 * <ul>
 *   <li>{@code partial} (string; {@code showFirst} 0, {@code showLast} 4, {@code maskChar} "*"):
 *       keeps the length in Unicode code points and replaces every code point it does not show by
 *       {@code maskChar}; a value of at most {@code showFirst + showLast} code points is masked
 *       whole. {@code 4111111111111111 -> ************1111}.
 *   <li>{@code email} (string): everything before the last {@code @} becomes {@code ****}, whatever
 *       its length; the {@code @} and what follows are kept; a value without {@code @} becomes
 *       {@code ****}. {@code jane@corp.com -> ****@corp.com}.
 *   <li>{@code year} (date, timestamp): January 1st of the value's year; for a timestamp, January
 *       1st 00:00:00 UTC of its UTC year.
 *   <li>{@code hash} (string; optional {@code salt}, default empty): lowercase hex SHA-256 of the
 *       UTF-8 encoding of salt followed by value. An unpaired surrogate encodes as {@code ?}, as
 *       {@link String#getBytes(java.nio.charset.Charset)} does.
 *   <li>{@code redact} (string; {@code replacement} "****"): the replacement.
 *   <li>{@code default} (every type): {@code ""}, {@code 0L}, {@code 0.0}, {@code false}, {@code
 *       1970-01-01}, {@link Instant#EPOCH}.
 *   <li>{@code nullify} (every type): {@code null}.
 * </ul>
 *
 * <p>Escalation is the caller's job: compile {@code mask.method().escalatedFor(type)}, the method a
 * column of that type actually gets (SPEC §3). Compiling a method for a type it does not apply to
 * fails rather than silently escalating, so that the method a decision names is always the method
 * that was applied.
 *
 * <p>A {@code salt} never appears in an exception message or in a compiled function's {@code
 * toString()}.
 */
public final class Masks {
  /** The documented order of parameters, for messages. */
  private static final List<String> PARAMETER_ORDER =
      List.of("showFirst", "showLast", "maskChar", "salt", "replacement");

  private static final int DEFAULT_SHOW_FIRST = 0;
  private static final int DEFAULT_SHOW_LAST = 4;
  private static final String DEFAULT_MASK_CHAR = "*";
  private static final String DEFAULT_REPLACEMENT = "****";
  private static final String EMAIL_LOCAL_PART = "****";
  private static final BigDecimal DECIMAL_DEFAULT = new BigDecimal("0.0");

  private Masks() {}

  /**
   * Compiles {@code mask} for a column of {@code type}. Parameters are checked (with {@link
   * #checkParameters}) and resolved here, once; the returned function is immutable and thread-safe.
   *
   * @throws IllegalArgumentException if {@code mask.method()} does not apply to {@code type} (pass
   *     {@code mask.method().escalatedFor(type)} instead) or a parameter is invalid; the message
   *     lists every problem
   */
  public static MaskFunction compile(Mask mask, ColumnType type) {
    Objects.requireNonNull(mask, "mask");
    Objects.requireNonNull(type, "type");
    MaskMethod method = mask.method();
    if (!method.appliesTo(type)) {
      throw new IllegalArgumentException(
          "mask method '"
              + method.wireName()
              + "' does not apply to "
              + column(type)
              + "; compile the method it escalates to, '"
              + method.escalatedFor(type).wireName()
              + "' (MaskMethod.escalatedFor)");
    }
    Map<String, Object> parameters = mask.parameters();
    List<String> problems = checkParameters(method, parameters);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid parameters for mask method '"
              + method.wireName()
              + "': "
              + String.join("; ", problems));
    }
    switch (method) {
      case PARTIAL:
        return new Partial(
            intParameter(parameters, "showFirst", DEFAULT_SHOW_FIRST),
            intParameter(parameters, "showLast", DEFAULT_SHOW_LAST),
            stringParameter(parameters, "maskChar", DEFAULT_MASK_CHAR));
      case EMAIL:
        return new Email();
      case YEAR:
        return type == ColumnType.DATE ? new YearOfDate() : new YearOfTimestamp();
      case HASH:
        return new Hash(stringParameter(parameters, "salt", ""));
      case REDACT:
        return new Redact(stringParameter(parameters, "replacement", DEFAULT_REPLACEMENT));
      case DEFAULT:
        return new Constant(MaskMethod.DEFAULT, type, defaultValue(type));
      case NULLIFY:
        return new Constant(MaskMethod.NULLIFY, type, null);
      default:
        throw new AssertionError(method);
    }
  }

  /**
   * Masks one value: {@code compile(mask, type).apply(value)}. Convenient for a few values; on a
   * hot path, compile once and keep the {@link MaskFunction}.
   *
   * @throws IllegalArgumentException as {@link #compile} and {@link MaskFunction#apply} do
   */
  public static @Nullable Object apply(Mask mask, ColumnType type, @Nullable Object value) {
    return compile(mask, type).apply(value);
  }

  /**
   * Returns every problem with {@code parameters} for {@code method}, as human-readable messages in
   * the map's iteration order; empty when they are fine. Reports unknown parameters, values of the
   * wrong type ({@code showFirst} and {@code showLast} take integers, the others strings), negative
   * {@code showFirst} or {@code showLast}, and a {@code maskChar} that is not exactly one Unicode
   * code point. Messages never quote a {@code salt}.
   *
   * <p>Integers may be any integral {@link Number} ({@code Integer}, {@code Long}, {@code Short},
   * {@code Byte}, {@code BigInteger}) within {@code int} range, so raw parser output can be checked
   * before it is turned into a {@link Mask}; strings may be any {@link CharSequence}.
   */
  public static List<String> checkParameters(
      MaskMethod method, Map<String, ? extends @Nullable Object> parameters) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(parameters, "parameters");
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ? extends @Nullable Object> entry : parameters.entrySet()) {
      String name = entry.getKey();
      @Nullable Object value = entry.getValue();
      if (name == null || !method.parameterNames().contains(name)) {
        problems.add(unknownParameter(method, String.valueOf(name)));
      } else if (name.equals("showFirst") || name.equals("showLast")) {
        checkCount(name, value, problems);
      } else if (!(value instanceof CharSequence)) {
        problems.add("mask parameter '" + name + "' must be a string, not " + describe(value));
      } else if (name.equals("maskChar")) {
        checkMaskChar(value.toString(), problems);
      }
    }
    return List.copyOf(problems);
  }

  private static void checkCount(String name, @Nullable Object value, List<String> problems) {
    if (!isIntegral(value)) {
      problems.add("mask parameter '" + name + "' must be an integer, not " + describe(value));
      return;
    }
    BigInteger count =
        value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
    if (count.signum() < 0) {
      problems.add("mask parameter '" + name + "' must not be negative");
    } else if (count.bitLength() > 31) {
      problems.add("mask parameter '" + name + "' must be at most " + Integer.MAX_VALUE);
    }
  }

  private static void checkMaskChar(String maskChar, List<String> problems) {
    int codePoints = maskChar.codePointCount(0, maskChar.length());
    if (codePoints == 0) {
      problems.add(
          "mask parameter 'maskChar' must be exactly one Unicode code point (it is empty)");
    } else if (codePoints > 1) {
      problems.add(
          "mask parameter 'maskChar' must be exactly one Unicode code point (it has "
              + codePoints
              + ")");
    } else if (maskChar.length() == 1 && Character.isSurrogate(maskChar.charAt(0))) {
      // A lone surrogate counts as one code point but would make the masked string invalid UTF-16.
      problems.add(
          "mask parameter 'maskChar' must be exactly one Unicode code point (it is an unpaired"
              + " surrogate)");
    }
  }

  private static String unknownParameter(MaskMethod method, String name) {
    StringBuilder message =
        new StringBuilder("mask method '")
            .append(method.wireName())
            .append("' has no parameter '")
            .append(name)
            .append('\'');
    List<String> accepted = new ArrayList<>();
    for (String candidate : PARAMETER_ORDER) {
      if (method.parameterNames().contains(candidate)) {
        accepted.add(candidate);
      }
    }
    if (accepted.isEmpty()) {
      return message.append(" (it takes none)").toString();
    }
    String suggestion = closest(name, accepted);
    if (suggestion != null) {
      return message.append(" (did you mean '").append(suggestion).append("'?)").toString();
    }
    return message.append(" (it takes ").append(String.join(", ", accepted)).append(')').toString();
  }

  /** The accepted name within two case-insensitive edits of {@code name}, if any. */
  private static @Nullable String closest(String name, List<String> accepted) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : accepted) {
      int distance =
          editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static boolean isIntegral(@Nullable Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger;
  }

  /** Names a parameter value's kind for messages; never the value itself, which may be a salt. */
  private static String describe(@Nullable Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof CharSequence) {
      return "a string";
    } else if (isIntegral(value)) {
      return "an integer";
    } else if (value instanceof Number) {
      return "a decimal number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof Collection) {
      return "a list";
    } else if (value instanceof Map) {
      return "a map";
    }
    return "a " + value.getClass().getName();
  }

  private static int intParameter(Map<String, Object> parameters, String name, int fallback) {
    Object value = parameters.get(name);
    return value == null ? fallback : ((Number) value).intValue();
  }

  private static String stringParameter(
      Map<String, Object> parameters, String name, String fallback) {
    Object value = parameters.get(name);
    return value == null ? fallback : value.toString();
  }

  private static Object defaultValue(ColumnType type) {
    switch (type) {
      case STRING:
        return "";
      case INTEGER:
        return 0L;
      case DECIMAL:
        return DECIMAL_DEFAULT;
      case BOOLEAN:
        return Boolean.FALSE;
      case DATE:
        return LocalDate.EPOCH;
      case TIMESTAMP:
        return Instant.EPOCH;
      default:
        throw new AssertionError(type);
    }
  }

  // ---- value checks: by class only, and the message names the class, never the value ----

  private static String string(Object value) {
    if (value instanceof CharSequence chars) {
      return chars.toString();
    }
    throw wrongType(ColumnType.STRING, value);
  }

  private static void checkType(ColumnType type, Object value) {
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

  private static long epochSecond(Object value) {
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    } else if (value instanceof OffsetDateTime offset) {
      return offset.toEpochSecond();
    } else if (value instanceof ZonedDateTime zoned) {
      return zoned.toEpochSecond();
    }
    throw wrongType(ColumnType.TIMESTAMP, value);
  }

  private static IllegalArgumentException wrongType(ColumnType type, Object value) {
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
  private static String column(ColumnType type) {
    return (type == ColumnType.INTEGER ? "an " : "a ") + type.wireName() + " column";
  }

  // ---- compiled functions: immutable, resolved at compile time ----

  private static final class Partial implements MaskFunction {
    private final int showFirst;
    private final int showLast;
    private final String maskChar;

    /** Whether the mask is a single char (a BMP code point, the common case): then maskUnit. */
    private final boolean singleUnit;

    private final char maskUnit;

    Partial(int showFirst, int showLast, String maskChar) {
      this.showFirst = showFirst;
      this.showLast = showLast;
      this.maskChar = maskChar;
      this.singleUnit = maskChar.length() == 1;
      this.maskUnit = maskChar.charAt(0);
    }

    @Override
    public @Nullable Object apply(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      String text = string(value);
      int length = text.length();
      int codePoints = text.codePointCount(0, length);
      if (codePoints <= (long) showFirst + showLast) {
        return masked(codePoints);
      }
      int headEnd = text.offsetByCodePoints(0, showFirst);
      int tailStart = text.offsetByCodePoints(length, -showLast);
      int hidden = codePoints - showFirst - showLast;
      long capacity = headEnd + (long) (length - tailStart) + (long) hidden * maskChar.length();
      StringBuilder result = new StringBuilder((int) Math.min(capacity, Integer.MAX_VALUE - 8));
      result.append(text, 0, headEnd);
      appendMask(result, hidden);
      result.append(text, tailStart, length);
      return result.toString();
    }

    private String masked(int codePoints) {
      if (singleUnit) {
        char[] chars = new char[codePoints];
        Arrays.fill(chars, maskUnit);
        return new String(chars);
      }
      return maskChar.repeat(codePoints);
    }

    private void appendMask(StringBuilder result, int count) {
      if (singleUnit) {
        for (int i = 0; i < count; i++) {
          result.append(maskUnit);
        }
      } else {
        for (int i = 0; i < count; i++) {
          result.append(maskChar);
        }
      }
    }

    @Override
    public String toString() {
      return "MaskFunction[partial showFirst="
          + showFirst
          + " showLast="
          + showLast
          + " maskChar="
          + maskChar
          + " on string]";
    }
  }

  private static final class Email implements MaskFunction {
    @Override
    public @Nullable Object apply(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      String text = string(value);
      int at = text.lastIndexOf('@');
      if (at < 0) {
        return EMAIL_LOCAL_PART;
      }
      return new StringBuilder(EMAIL_LOCAL_PART.length() + text.length() - at)
          .append(EMAIL_LOCAL_PART)
          .append(text, at, text.length())
          .toString();
    }

    @Override
    public String toString() {
      return "MaskFunction[email on string]";
    }
  }

  private static final class YearOfDate implements MaskFunction {
    @Override
    public @Nullable Object apply(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      if (value instanceof LocalDate date) {
        return date.withDayOfYear(1);
      }
      throw wrongType(ColumnType.DATE, value);
    }

    @Override
    public String toString() {
      return "MaskFunction[year on date]";
    }
  }

  private static final class YearOfTimestamp implements MaskFunction {
    private static final long SECONDS_PER_DAY = 86_400;

    /** Days in 400 Gregorian years; the calendar repeats with this period. */
    private static final long DAYS_PER_CYCLE = 146_097;

    @Override
    public @Nullable Object apply(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      long epochDay = Math.floorDiv(epochSecond(value), SECONDS_PER_DAY);
      // Instant reaches years LocalDate cannot hold; the day of the year is the same 400 years on,
      // so read it from a date folded into 1970..2369.
      int dayOfYear = LocalDate.ofEpochDay(Math.floorMod(epochDay, DAYS_PER_CYCLE)).getDayOfYear();
      return Instant.ofEpochSecond((epochDay - dayOfYear + 1) * SECONDS_PER_DAY);
    }

    @Override
    public String toString() {
      return "MaskFunction[year on timestamp]";
    }
  }

  private static final class Hash implements MaskFunction {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<HashState> STATE = ThreadLocal.withInitial(HashState::new);

    /** Kept only for the rare value that completes a surrogate pair the salt began. */
    private final String salt;

    private final byte[] saltBytes;
    private final boolean saltEndsInHighSurrogate;

    Hash(String salt) {
      this.salt = salt;
      this.saltBytes = salt.getBytes(StandardCharsets.UTF_8);
      this.saltEndsInHighSurrogate =
          !salt.isEmpty() && Character.isHighSurrogate(salt.charAt(salt.length() - 1));
    }

    @Override
    public @Nullable Object apply(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      String text = string(value);
      HashState state = STATE.get();
      MessageDigest digest = state.digest;
      if (saltEndsInHighSurrogate && !text.isEmpty() && Character.isLowSurrogate(text.charAt(0))) {
        // UTF-8 of (salt + value) differs from UTF-8 of salt then of value only here.
        digest.update((salt + text).getBytes(StandardCharsets.UTF_8));
      } else {
        digest.update(saltBytes);
        digest.update(text.getBytes(StandardCharsets.UTF_8));
      }
      byte[] bytes = state.bytes;
      try {
        digest.digest(bytes, 0, bytes.length);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 digest failed", e);
      }
      char[] hex = state.hex;
      for (int i = 0; i < bytes.length; i++) {
        hex[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
        hex[2 * i + 1] = HEX[bytes[i] & 0xf];
      }
      return new String(hex);
    }

    /** Never shows the salt, nor whether there is one. */
    @Override
    public String toString() {
      return "MaskFunction[hash on string]";
    }

    /** One digest and its buffers per thread: MessageDigest is not thread-safe. */
    private static final class HashState {
      final MessageDigest digest;
      final byte[] bytes = new byte[32];
      final char[] hex = new char[64];

      HashState() {
        try {
          digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
      }
    }
  }

  private static final class Redact implements MaskFunction {
    private final String replacement;

    Redact(String replacement) {
      this.replacement = replacement;
    }

    @Override
    public @Nullable Object apply(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      if (!(value instanceof CharSequence)) {
        throw wrongType(ColumnType.STRING, value);
      }
      return replacement;
    }

    @Override
    public String toString() {
      return "MaskFunction[redact replacement=" + replacement + " on string]";
    }
  }

  /** {@code default} and {@code nullify}: the same result for every value of the right type. */
  private static final class Constant implements MaskFunction {
    private final MaskMethod method;
    private final ColumnType type;
    private final @Nullable Object result;

    Constant(MaskMethod method, ColumnType type, @Nullable Object result) {
      this.method = method;
      this.type = type;
      this.result = result;
    }

    @Override
    public @Nullable Object apply(@Nullable Object value) {
      if (value == null) {
        return null;
      }
      checkType(type, value);
      return result;
    }

    @Override
    public String toString() {
      return "MaskFunction[" + method.wireName() + " on " + type.wireName() + "]";
    }
  }
}
