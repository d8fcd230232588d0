package io.meshgov.engine.mask;

import io.meshgov.api.MaskMethod;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds every problem with a mask's parameters (see {@link Masks#checkParameters}). Runs when a
 * bundle is validated or a mask compiled, never per value, so it may allocate freely.
 */
final class ParameterCheck {
  private ParameterCheck() {}

  static List<String> problems(
      MaskMethod method, Map<String, ? extends @Nullable Object> parameters) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ? extends @Nullable Object> entry : parameters.entrySet()) {
      String name = entry.getKey();
      @Nullable Object value = entry.getValue();
      if (name == null || !method.parameterNames().contains(name)) {
        problems.add(ParameterNames.unknown(method, String.valueOf(name)));
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
}
