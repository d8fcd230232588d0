package io.meshgov.engine.internal.cel;

import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.standard.GreaterEqualsOperator.GreaterEqualsOverload;
import dev.cel.runtime.standard.GreaterOperator.GreaterOverload;
import dev.cel.runtime.standard.LessEqualsOperator.LessEqualsOverload;
import dev.cel.runtime.standard.LessOperator.LessOverload;
import java.util.List;
import java.util.Set;

/**
 * Strings order by Unicode code point in meshgov's conditions and filters, as CEL's specification
 * and its other implementations order them, and as every SQL dialect of the SQL renderer compares
 * them (PostgreSQL under {@code COLLATE "C"}). CEL-Java compares Java strings, by UTF-16 unit, which
 * puts a character beyond the BMP (a surrogate pair) before U+E000..U+FFFF: its four string
 * comparisons are replaced here.
 */
final class CodePointOrder {
  private static final Set<Object> REPLACED = Set.of(LessOverload.LESS_STRING, LessEqualsOverload.LESS_EQUALS_STRING,
      GreaterOverload.GREATER_STRING, GreaterEqualsOverload.GREATER_EQUALS_STRING);

  private CodePointOrder() {}

  /** The standard functions but for the string comparisons that {@link #bindings} provide. */
  static CelStandardFunctions standardFunctions() {
    return CelStandardFunctions.newBuilder()
        .filterFunctions((function, overload) -> !REPLACED.contains(overload))
        .build();
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("less_string", String.class, String.class, (a, b) -> compare(a, b) < 0),
        CelFunctionBinding.from("less_equals_string", String.class, String.class, (a, b) -> compare(a, b) <= 0),
        CelFunctionBinding.from("greater_string", String.class, String.class, (a, b) -> compare(a, b) > 0),
        CelFunctionBinding.from("greater_equals_string", String.class, String.class, (a, b) -> compare(a, b) >= 0));
  }

  /** Compares by code point without allocating: UTF-16 order differs only at a surrogate. */
  static int compare(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
