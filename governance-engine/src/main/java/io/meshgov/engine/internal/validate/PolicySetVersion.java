package io.meshgov.engine.internal.validate;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One version of a policy set, in force from {@code from} (inclusive) until {@code until}
 * (exclusive); a null bound is open. Its rules are written in the bundle, or, when {@code opa} is
 * set, contributed per request by an OPA server (docs/opa.md) and {@code rules} is empty.
 */
public record PolicySetVersion(
    String id,
    Semver version,
    Scope scope,
    @Nullable String owner,
    @Nullable String description,
    @Nullable Instant from,
    @Nullable Instant until,
    List<Rule> rules,
    @Nullable OpaBinding opa,
    String file,
    io.meshgov.engine.internal.problem.Position position) {

  public PolicySetVersion {
    rules = List.copyOf(rules);
  }

  public boolean isOpaBacked() {
    return opa != null;
  }

  /**
   * An OPA-backed set as one entry of kind {@code opa} at its {@code opa} key: its rules are in Rego,
   * so this is the one place in the bundle that names them.
   */
  public io.meshgov.api.RuleInfo opaInfo() {
    return new io.meshgov.api.RuleInfo(id, version.text(), "opa", "opa", scope.toString(), file,
        opa == null ? position.line() : opa.position().line(), from, until);
  }

  public boolean inForceAt(Instant at) {
    return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
  }

  /** Tie-break order of docs/combining.md: global before domain, then policy set id. */
  public static int precedence(PolicySetVersion a, PolicySetVersion b) {
    int result = Boolean.compare(!a.scope().isGlobal(), !b.scope().isGlobal());
    return result != 0 ? result : a.id().compareTo(b.id());
  }
}
