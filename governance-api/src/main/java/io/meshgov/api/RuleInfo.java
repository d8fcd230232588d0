package io.meshgov.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule as written in the bundle: which policy set version holds it and where. {@code line} is the
 * line of the rule's {@code - id:} entry in {@code file}, so {@code file:line} opens the rule in an
 * editor. An OPA-backed policy set is described by one entry of kind {@code opa} and rule id {@code
 * opa}, at the line of its {@code opa} key, since its rules live in Rego, not in the bundle.
 *
 * @param policySetId the policy set's {@code metadata.id}
 * @param version the policy set version's {@code metadata.version}
 * @param ruleId the rule's {@code id}
 * @param kind {@code access}, {@code mask}, {@code row-filter}, {@code retention}, or {@code opa}
 * @param scope {@code global} or {@code domain:<domain>}
 * @param file the policy file, relative to the bundle root
 * @param line the 1-based line of the rule in {@code file}
 * @param effectiveFrom the version's {@code effective.from} (inclusive), null when open
 * @param effectiveUntil the version's {@code effective.until} (exclusive), null when open
 */
public record RuleInfo(String policySetId, String version, String ruleId, String kind, String scope, String file,
    int line, @Nullable Instant effectiveFrom, @Nullable Instant effectiveUntil) {
  public RuleInfo {
    Objects.requireNonNull(policySetId, "policySetId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(file, "file");
  }

  /** The rule as decisions name it, {@code <set>/<rule>} and the version. */
  public RuleReference reference() {
    return RuleReference.of(policySetId, ruleId, version);
  }

  /** {@code file:line}. */
  public String location() {
    return file + ":" + line;
  }
}
