package io.meshgov.engine.internal.validate;

import static io.meshgov.engine.internal.validate.Scalars.names;
import static io.meshgov.engine.internal.validate.Scalars.unknownValue;

import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.engine.internal.load.RawDocuments.RawMask;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode.ScalarKind;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.mask.Masks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks a mask rule's {@code mask}: the method, its parameters (with their defaults
 * filled in, as decisions show them), and a warning for each catalog column whose type the method
 * does not fit.
 */
final class MaskReader {
  private final String file;
  private final ProblemSink problems;

  MaskReader(RuleContext context) {
    this.file = context.file();
    this.problems = context.problems();
  }

  @Nullable Mask mask(RawRule raw, @Nullable Match match, List<DataProduct> products) {
    RawMask rawMask = raw.mask();
    if (rawMask == null) {
      problems.error("missing-key", file, raw.position(), "a mask rule needs 'mask: {method: …}'",
          "add e.g. mask: {method: redact}");
      return null;
    }
    if (rawMask.method() == null) {
      return null;
    }
    MaskMethod method = MaskMethod.fromWireName(rawMask.method().text()).orElse(null);
    if (method == null) {
      unknownValue(file, rawMask.method(), "mask method", names(MaskMethod.values()), problems);
      return null;
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, Scalar> parameter : rawMask.parameters().entrySet()) {
      Scalar value = parameter.getValue();
      parameters.put(parameter.getKey(), value.kind() == ScalarKind.INTEGER ? integerOrText(value) : value.text());
    }
    boolean parametersOk = true;
    for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
      Position at = method.parameterNames().contains(parameter.getKey())
          ? rawMask.parameters().get(parameter.getKey()).position()
          : rawMask.parameterKeys().get(parameter.getKey());
      for (String message : Masks.checkParameters(method, Map.of(parameter.getKey(), parameter.getValue()))) {
        parametersOk = false;
        problems.error("mask-parameter", file, at, message,
            method.parameterNames().isEmpty() ? "mask method '" + method.wireName() + "' takes no parameters"
                : "mask method '" + method.wireName() + "' takes " + String.join(", ", new java.util.TreeSet<>(method.parameterNames())));
      }
    }
    if (!parametersOk) {
      return null;
    }
    // decisions show every parameter in force, defaults included (docs/request-and-decision.md: showFirst 0, showLast 4, maskChar *)
    if (method == MaskMethod.PARTIAL) {
      parameters.putIfAbsent("showFirst", 0);
      parameters.putIfAbsent("showLast", 4);
      parameters.putIfAbsent("maskChar", "*");
      Map<String, Object> ordered = new LinkedHashMap<>();
      ordered.put("showFirst", parameters.get("showFirst"));
      ordered.put("showLast", parameters.get("showLast"));
      ordered.put("maskChar", parameters.get("maskChar"));
      parameters = ordered;
    } else if (method == MaskMethod.REDACT) {
      parameters.putIfAbsent("replacement", "****");
    }
    Mask mask = new Mask(method, parameters);
    if (match != null) {
      for (DataProduct product : products) {
        for (Column column : product.columns()) {
          if (match.matchesColumn(column) && !method.appliesTo(column.type())) {
            problems.warning("mask-escalated", file, rawMask.method().position(),
                "mask '" + method.wireName() + "' does not apply to " + column.type().wireName() + " column '"
                    + column.name() + "' of " + product.id() + "; it gets '"
                    + method.escalatedFor(column.type()).wireName() + "'",
                "narrow match.columns, or choose a method that applies to " + column.type().wireName());
          }
        }
      }
    }
    return mask;
  }

  private Object integerOrText(Scalar value) {
    try {
      return Integer.valueOf(value.text().replace("_", ""));
    } catch (NumberFormatException e) {
      return value.text();
    }
  }
}
