package io.meshgov.engine.internal.validate;

import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.RuleReference;
import io.meshgov.engine.internal.problem.Position;
import org.jspecify.annotations.Nullable;

/** A validated rule of one policy set version; the kind-specific field of its kind is set. */
public record Rule(
    String id,
    RuleKind kind,
    @Nullable String description,
    Match match,
    @Nullable Condition when,
    @Nullable Condition unless,
    @Nullable Effect effect,
    @Nullable Mask mask,
    @Nullable Filter filter,
    @Nullable Retention retention,
    String file,
    Position position) {

  public RuleReference reference(PolicySetVersion set) {
    return RuleReference.of(set.id(), id, set.version().text());
  }
}
