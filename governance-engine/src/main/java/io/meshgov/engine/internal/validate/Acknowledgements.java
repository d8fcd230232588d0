package io.meshgov.engine.internal.validate;

import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A warning its author intends, acknowledged in the file that causes it (docs/policy-language.md,
 * "Acknowledging a warning"): a rule's {@code acknowledge: [mask-escalated]} removes that rule's
 * warnings of that code, so {@code validate --strict} can hold a bundle to no warning at all. Only
 * warnings a rule itself causes can be acknowledged, and an acknowledgement that no longer
 * acknowledges anything is itself a warning, so none outlives its reason.
 */
final class Acknowledgements {
  /** The warnings a rule can cause, and so acknowledge. */
  static final List<String> RULE_WARNINGS = List.of("empty-match", "mask-escalated", "unknown-product");
  /** The warning an OPA binding can acknowledge: loaded where no OPA is configured (e.g. a CI job). */
  static final String OPA_NOT_CONFIGURED = "opa-not-configured";

  private Acknowledgements() {}

  /** Removes the rule's acknowledged warnings, reported since {@code mark}. */
  static void rule(String file, List<Scalar> acknowledge, int mark, ProblemSink problems) {
    if (acknowledge.isEmpty()) {
      return;
    }
    Set<String> codes = new LinkedHashSet<>();
    for (Scalar code : acknowledge) {
      if (known(file, code, RULE_WARNINGS, problems)) {
        codes.add(code.text());
      }
    }
    Set<String> used = problems.acknowledge(mark, codes);
    for (Scalar code : acknowledge) {
      if (codes.contains(code.text()) && !used.contains(code.text())) {
        problems.warning("unused-acknowledgement", file, code.position(),
            "this rule raises no '" + code.text() + "' warning to acknowledge",
            "remove '" + code.text() + "' from acknowledge");
      }
    }
  }

  /** Whether the OPA binding acknowledges that it may be loaded without OPA. */
  static boolean opa(String file, List<Scalar> acknowledge, ProblemSink problems) {
    boolean acknowledged = false;
    for (Scalar code : acknowledge) {
      if (known(file, code, List.of(OPA_NOT_CONFIGURED), problems)) {
        acknowledged = true;
      }
    }
    return acknowledged;
  }

  private static boolean known(String file, Scalar code, List<String> acknowledgeable, ProblemSink problems) {
    if (acknowledgeable.contains(code.text())) {
      return true;
    }
    String near = Suggestions.closest(code.text(), acknowledgeable);
    problems.error("unknown-acknowledgement", file, code.position(),
        "'" + code.text() + "' is not a warning this can acknowledge",
        near != null ? "did you mean '" + near + "'?" : "acknowledge one of " + String.join(", ", acknowledgeable));
    return false;
  }
}
