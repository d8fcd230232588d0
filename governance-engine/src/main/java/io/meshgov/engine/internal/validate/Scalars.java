package io.meshgov.engine.internal.validate;

import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Small readers of YAML scalars, and the messages about them, shared by the validators. */
final class Scalars {
  private Scalars() {}

  static void badSemver(String file, Scalar version, ProblemSink problems) {
    problems.error("invalid-semver", file, version.position(),
        "version '" + version.text() + "' is not a semantic version", "write MAJOR.MINOR.PATCH, e.g. 1.0.0");
  }

  static void unknownValue(String file, Scalar value, String what, List<String> allowed, ProblemSink problems) {
    String suggestion = Suggestions.closest(value.text(), allowed);
    problems.error("unknown-" + what.replace(' ', '-'), file, value.position(),
        "unknown " + what + " '" + value.text() + "'",
        suggestion != null ? "did you mean '" + suggestion + "'?" : "use one of " + String.join(", ", allowed));
  }

  static List<String> names(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> value : values) {
      names.add(value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    return names;
  }

  static List<Scalar> orEmpty(@Nullable List<Scalar> scalars) {
    return scalars == null ? List.of() : scalars;
  }

  static @Nullable Set<String> textSet(@Nullable List<Scalar> scalars) {
    return scalars == null ? null : Set.copyOf(texts(scalars));
  }

  static List<String> texts(List<Scalar> scalars) {
    List<String> texts = new ArrayList<>();
    for (Scalar scalar : scalars) {
      texts.add(scalar.text());
    }
    return texts;
  }
}
