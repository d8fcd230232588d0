package io.meshgov.engine.internal.validate;

import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.RuleInfo;
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

  /** The rule and where it is written, as coverage and rule listings name it. */
  public RuleInfo info(PolicySetVersion set) {
    return new RuleInfo(set.id(), set.version().text(), id, kind.wireName(), set.scope().toString(), file,
        position.line(), set.from(), set.until());
  }
}
