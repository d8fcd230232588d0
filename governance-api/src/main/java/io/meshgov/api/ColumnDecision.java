package io.meshgov.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The decision for one column of a permitted request. {@code mask} is present exactly when the
 * effect is {@link ColumnEffect#MASK} and holds the method applied (after escalation by the
 * column's type); {@code rule} names the deciding rule, absent for {@link ColumnEffect#ALLOW}.
 */
public record ColumnDecision(
    String name, ColumnType type, ColumnEffect effect, @Nullable Mask mask, @Nullable RuleReference rule) {

  public ColumnDecision {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(effect, "effect");
    if ((effect == ColumnEffect.MASK) != (mask != null)) {
      throw new IllegalArgumentException("a mask is required for effect mask and only for it");
    }
    if ((effect == ColumnEffect.ALLOW) != (rule == null)) {
      throw new IllegalArgumentException("a rule is required for effects mask and deny, and only for them");
    }
  }

  public static ColumnDecision allow(String name, ColumnType type) {
    return new ColumnDecision(name, type, ColumnEffect.ALLOW, null, null);
  }
}
