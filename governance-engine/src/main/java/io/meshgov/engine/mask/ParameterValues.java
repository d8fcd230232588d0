package io.meshgov.engine.mask;

import java.util.Map;

/**
 * Reads checked mask parameters, filling in the defaults documented in {@link Masks}. Only for
 * parameters that {@link ParameterCheck} found no problem with: it casts without checking.
 */
final class ParameterValues {
  private static final int DEFAULT_SHOW_FIRST = 0;
  private static final int DEFAULT_SHOW_LAST = 4;
  private static final String DEFAULT_MASK_CHAR = "*";
  private static final String DEFAULT_SALT = "";
  private static final String DEFAULT_REPLACEMENT = "****";

  private ParameterValues() {}

  static int showFirst(Map<String, Object> parameters) {
    return intParameter(parameters, "showFirst", DEFAULT_SHOW_FIRST);
  }

  static int showLast(Map<String, Object> parameters) {
    return intParameter(parameters, "showLast", DEFAULT_SHOW_LAST);
  }

  static String maskChar(Map<String, Object> parameters) {
    return stringParameter(parameters, "maskChar", DEFAULT_MASK_CHAR);
  }

  static String salt(Map<String, Object> parameters) {
    return stringParameter(parameters, "salt", DEFAULT_SALT);
  }

  static String replacement(Map<String, Object> parameters) {
    return stringParameter(parameters, "replacement", DEFAULT_REPLACEMENT);
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
