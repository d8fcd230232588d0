package io.meshgov.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A mask method with its parameters (docs/policy-language.md), e.g. {@code partial} with {@code showFirst},
 * {@code showLast}, {@code maskChar}. Parameter values are {@link Integer} or {@link String}.
 * {@link #publicParameters()} leaves out secrets ({@code salt}).
 */
public record Mask(MaskMethod method, Map<String, Object> parameters) {
  private static final Set<String> SECRET_PARAMETERS = Set.of("salt");

  public Mask {
    Objects.requireNonNull(method, "method");
    for (Map.Entry<String, Object> entry : parameters.entrySet()) {
      if (!method.parameterNames().contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "mask method '" + method.wireName() + "' has no parameter '" + entry.getKey() + "'");
      }
      Object value = entry.getValue();
      if (!(value instanceof Integer) && !(value instanceof String)) {
        throw new IllegalArgumentException(
            "mask parameter '" + entry.getKey() + "' must be an Integer or a String");
      }
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  public static Mask of(MaskMethod method) {
    return new Mask(method, Map.of());
  }

  /** The parameters that may appear in decisions and explanations: all but secrets. */
  public Map<String, Object> publicParameters() {
    Map<String, Object> visible = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : parameters.entrySet()) {
      if (!SECRET_PARAMETERS.contains(entry.getKey())) {
        visible.put(entry.getKey(), entry.getValue());
      }
    }
    return Collections.unmodifiableMap(visible);
  }

  /** Keeps the salt out of logs and exception messages. */
  @Override
  public String toString() {
    return "Mask[" + method.wireName() + " " + publicParameters() + "]";
  }
}
