package io.meshgov.engine.mask;

import io.meshgov.api.MaskMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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
}
