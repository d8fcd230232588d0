package io.meshgov.engine.mask;

import io.meshgov.api.ColumnType;
import io.meshgov.api.MaskMethod;

/**
 * Refuses a method for a column type it does not apply to, naming the method it escalates to.
 * Escalating silently here would let a decision name one method while another was applied; the
 * caller escalates with {@link MaskMethod#escalatedFor} and reports the method it compiled.
 */
final class Escalation {
  private Escalation() {}

  static void requireApplies(MaskMethod method, ColumnType type) {
    if (!method.appliesTo(type)) {
      throw new IllegalArgumentException(
          "mask method '"
              + method.wireName()
              + "' does not apply to "
              + ValueTypes.column(type)
              + "; compile the method it escalates to, '"
              + method.escalatedFor(type).wireName()
              + "' (MaskMethod.escalatedFor)");
    }
  }
}
