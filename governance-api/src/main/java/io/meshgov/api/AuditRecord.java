package io.meshgov.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One audit record per decision (docs/audit-format.md): who accessed what, when, under which rules. It holds
 * the subject's id only, never attribute values or data values. {@code columns} maps each column
 * to {@code allow}, {@code deny} or {@code mask:<method>}, in decision order; {@code rules} are
 * {@code <set>/<rule>@<version>}; {@code opa} names the policy sets evaluated by Open Policy Agent
 * and OPA's decision ids (docs/opa.md). A retention execution's record (subject {@link
 * RetentionJob#SUBJECT}, action {@code retention:<action>}) also holds the {@code cutoff} it applied
 * and the number of {@code rows} it changed; both are null for a decision.
 */
public record AuditRecord(
    String decisionId,
    Instant time,
    String subject,
    String product,
    String productVersion,
    String action,
    String purpose,
    Effect effect,
    Map<String, String> columns,
    List<String> rules,
    String bundleDigest,
    long latencyMicros,
    List<OpaConsultation> opa,
    @Nullable Instant cutoff,
    @Nullable Long rows) {

  public AuditRecord {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(productVersion, "productVersion");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(bundleDigest, "bundleDigest");
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    rules = List.copyOf(rules);
    opa = List.copyOf(opa);
    if (latencyMicros < 0) {
      throw new IllegalArgumentException("latencyMicros must not be negative");
    }
    if (rows != null && rows < 0) {
      throw new IllegalArgumentException("rows must not be negative");
    }
  }

  /** The record of a decision: no cutoff, no rows. */
  public AuditRecord(String decisionId, Instant time, String subject, String product, String productVersion,
      String action, String purpose, Effect effect, Map<String, String> columns, List<String> rules,
      String bundleDigest, long latencyMicros, List<OpaConsultation> opa) {
    this(decisionId, time, subject, product, productVersion, action, purpose, effect, columns, rules, bundleDigest,
        latencyMicros, opa, null, null);
  }
}
