package io.meshgov.engine.mask;

import io.meshgov.api.MaskMethod;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.List;

/** The message for a parameter name a mask method does not take: a suggestion, or what it takes. */
final class ParameterNames {
  /**
   * The documented order of parameters: messages list them so, not in {@link
   * MaskMethod#parameterNames()}'s set order.
   */
  private static final List<String> DOCUMENTED_ORDER =
      List.of("showFirst", "showLast", "maskChar", "salt", "replacement");

  private ParameterNames() {}

  static String unknown(MaskMethod method, String name) {
    StringBuilder message =
        new StringBuilder("mask method '")
            .append(method.wireName())
            .append("' has no parameter '")
            .append(name)
            .append('\'');
    List<String> accepted = new ArrayList<>();
    for (String candidate : DOCUMENTED_ORDER) {
      if (method.parameterNames().contains(candidate)) {
        accepted.add(candidate);
      }
    }
    if (accepted.isEmpty()) {
      return message.append(" (it takes none)").toString();
    }
    // The rule of every other "did you mean" (keys, actions, columns...), so that a typo is
    // caught, or not, alike inside and outside a mask.
    String suggestion = Suggestions.closest(name, accepted);
    if (suggestion != null) {
      return message.append(" (did you mean '").append(suggestion).append("'?)").toString();
    }
    return message.append(" (it takes ").append(String.join(", ", accepted)).append(')').toString();
  }
}
