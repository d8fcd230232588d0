package io.meshgov.engine.internal.evaluate;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.meshgov.engine.internal.compile.CompiledRule;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a rule's {@code when} and {@code unless} let it apply. A condition that errs
 * resolves to the more restrictive outcome (docs/policy-language.md): a permit rule does not apply, every other
 * rule does.
 */
final class Conditions {
  private Conditions() {}

  static boolean applies(CompiledRule rule, DecisionVariables variables, Tracer tracer, @Nullable String column) {
    CelRuntime.Program when = rule.when();
    CelRuntime.Program unless = rule.unless();
    if (when != null) {
      Outcome outcome = evaluate(when, variables);
      if (outcome == Outcome.FALSE) {
        trace(tracer, rule, column, false, "'when' is false");
        return false;
      }
      if (outcome == Outcome.ERROR) {
        if (rule.lenient()) {
          trace(tracer, rule, column, false, "'when' failed (" + error(when, variables) + "): a permit does not apply");
          return false;
        }
        // a failed 'when' counts as true; a failed 'unless' below counts as false
        boolean applies = unless == null || evaluate(unless, variables) != Outcome.TRUE;
        trace(tracer, rule, column, applies, "'when' failed (" + error(when, variables)
            + "): treated as true, the more restrictive outcome" + (applies ? "" : "; 'unless' is true"));
        return applies;
      }
    }
    if (unless != null) {
      Outcome outcome = evaluate(unless, variables);
      if (outcome == Outcome.TRUE) {
        trace(tracer, rule, column, false, "'unless' is true");
        return false;
      }
      if (outcome == Outcome.ERROR) {
        boolean applies = !rule.lenient();
        trace(tracer, rule, column, applies, "'unless' failed (" + error(unless, variables) + "): "
            + (applies ? "the rule applies, the more restrictive outcome" : "a permit does not apply"));
        return applies;
      }
    }
    trace(tracer, rule, column, true, describeMatch(rule, when != null, unless != null));
    return true;
  }

  private static String describeMatch(CompiledRule rule, boolean hasWhen, boolean hasUnless) {
    StringBuilder why = new StringBuilder("matched");
    if (hasWhen) {
      why.append(", 'when' is true");
    }
    if (hasUnless) {
      why.append(", 'unless' is false");
    }
    return why.toString();
  }

  private static void trace(Tracer tracer, CompiledRule rule, @Nullable String column, boolean applied, String why) {
    if (tracer.enabled()) {
      tracer.record(rule, column, applied, why);
    }
  }

  enum Outcome {
    TRUE,
    FALSE,
    ERROR
  }

  static Outcome evaluate(CelRuntime.Program program, DecisionVariables variables) {
    try {
      Object result = program.eval(variables);
      if (result instanceof Boolean bool) {
        return bool ? Outcome.TRUE : Outcome.FALSE;
      }
      return Outcome.ERROR;
    } catch (CelEvaluationException | RuntimeException e) {
      return Outcome.ERROR;
    }
  }

  /** The error message of a failing condition; evaluated again, only when tracing. */
  private static String error(CelRuntime.Program program, DecisionVariables variables) {
    try {
      program.eval(variables);
      return "not a boolean";
    } catch (CelEvaluationException | RuntimeException e) {
      return String.valueOf(e.getMessage());
    }
  }
}
