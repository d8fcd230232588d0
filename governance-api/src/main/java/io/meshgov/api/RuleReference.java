package io.meshgov.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Names the rule behind a part of a decision: {@code <policySetId>/<ruleId>} and the policy set's
 * version, or one of the built-in names {@link #NO_PERMIT} and {@link #RETENTION}, which have no
 * version.
 */
public record RuleReference(String id, @Nullable String version) {
  /** The reason of a default deny: no applicable rule permits the request. */
  public static final RuleReference NO_PERMIT = new RuleReference("no-permit", null);
  /** The row filter that enforces a retention maximum. */
  public static final RuleReference RETENTION = new RuleReference("retention", null);

  public RuleReference {
    Objects.requireNonNull(id, "id");
  }

  public static RuleReference of(String policySetId, String ruleId, String version) {
    return new RuleReference(policySetId + "/" + ruleId, Objects.requireNonNull(version, "version"));
  }

  /** {@code <set>/<rule>@<version>}, the form audit records use; built-in names stand alone. */
  @Override
  public String toString() {
    return version == null ? id : id + "@" + version;
  }
}
