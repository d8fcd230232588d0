package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
              + ValueTypes.column(type)
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
        return new PartialMask(
            intParameter(parameters, "showFirst", DEFAULT_SHOW_FIRST),
            intParameter(parameters, "showLast", DEFAULT_SHOW_LAST),
            stringParameter(parameters, "maskChar", DEFAULT_MASK_CHAR));
      case EMAIL:
        return new EmailMask();
      case YEAR:
        return type == ColumnType.DATE ? new YearOfDateMask() : new YearOfTimestampMask();
      case HASH:
        return new HashMask(stringParameter(parameters, "salt", ""));
      case REDACT:
        return new RedactMask(stringParameter(parameters, "replacement", DEFAULT_REPLACEMENT));
      case DEFAULT:
        return new DefaultMask(type);
      case NULLIFY:
        return new NullifyMask(type);
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
    if (!ValueTypes.isIntegral(value)) {
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

  /** Names a parameter value's kind for messages; never the value itself, which may be a salt. */
  private static String describe(@Nullable Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof CharSequence) {
      return "a string";
    } else if (ValueTypes.isIntegral(value)) {
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
}
