package io.meshgov.engine.internal.cel;

import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import org.jspecify.annotations.Nullable;

/**
 * CEL text in one canonical form, so that expected and actual row filters compare as CEL: quoting
 * and spacing do not matter.
 */
public final class CanonicalCel {
  private static final CelUnparser UNPARSER = CelUnparserFactory.newUnparser();

  private CanonicalCel() {}

  /** The expression parsed, then printed back; null when it does not parse. */
  public static @Nullable String of(String expression) {
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse(expression);
    if (parsed.hasError()) {
      return null;
    }
    try {
      return UNPARSER.unparse(parsed.getAst());
    } catch (CelValidationException e) {
      return null;
    }
  }
}
