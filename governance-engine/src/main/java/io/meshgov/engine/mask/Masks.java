package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the mask methods of docs/mask-methods.md into {@link MaskFunction}s, and checks mask parameters.
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
 * column of that type actually gets (docs/policy-language.md). Compiling a method for a type it does not apply to
 * fails rather than silently escalating, so that the method a decision names is always the method
 * that was applied.
 *
 * <p>A {@code salt} never appears in an exception message or in a compiled function's {@code
 * toString()}.
 */
public final class Masks {
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
    Escalation.requireApplies(method, type);
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
            ParameterValues.showFirst(parameters),
            ParameterValues.showLast(parameters),
            ParameterValues.maskChar(parameters));
      case EMAIL:
        return new EmailMask();
      case YEAR:
        return type == ColumnType.DATE ? new YearOfDateMask() : new YearOfTimestampMask();
      case HASH:
        return new HashMask(ParameterValues.salt(parameters));
      case REDACT:
        return new RedactMask(ParameterValues.replacement(parameters));
      case DEFAULT:
        return new DefaultMask(type);
      case NULLIFY:
        return new NullifyMask(type);
      default:
        throw new AssertionError(method);
    }
  }

  /**
   * The parameters {@code mask} is applied with: its own, and the documented default of every one
   * it leaves out ({@code showFirst} 0, {@code showLast} 4, {@code maskChar} "*", {@code salt} "",
   * {@code replacement} "****"), keyed by name in a fixed order. For renderers that apply a mask
   * elsewhere (as SQL) and must apply exactly this one. The result holds the salt: keep it secret.
   *
   * @throws IllegalArgumentException if a parameter is invalid, as {@link #compile} does
   */
  public static Map<String, Object> effectiveParameters(Mask mask) {
    Objects.requireNonNull(mask, "mask");
    List<String> problems = checkParameters(mask.method(), mask.parameters());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid parameters for mask method '" + mask.method().wireName() + "': " + String.join("; ", problems));
    }
    Map<String, Object> parameters = mask.parameters();
    Map<String, Object> effective = new java.util.LinkedHashMap<>();
    switch (mask.method()) {
      case PARTIAL:
        effective.put("showFirst", ParameterValues.showFirst(parameters));
        effective.put("showLast", ParameterValues.showLast(parameters));
        effective.put("maskChar", ParameterValues.maskChar(parameters));
        break;
      case HASH:
        effective.put("salt", ParameterValues.salt(parameters));
        break;
      case REDACT:
        effective.put("replacement", ParameterValues.replacement(parameters));
        break;
      default:
        break;
    }
    return java.util.Collections.unmodifiableMap(effective);
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
    return ParameterCheck.problems(method, parameters);
  }
}
