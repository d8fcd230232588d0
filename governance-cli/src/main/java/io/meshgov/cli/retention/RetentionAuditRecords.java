package io.meshgov.cli.retention;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.Effect;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RuleReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit record of one product the retention job changed (docs/audit-format.md): subject {@link
 * RetentionJob#SUBJECT}, action {@code retention:<action>}, purpose {@link RetentionJob#PURPOSE},
 * effect permit, the job's rules. Every record is made by {@link #executed}, the one place its
 * fields are chosen.
 */
final class RetentionAuditRecords {
  private RetentionAuditRecords() {}

  /**
   * @param rows the rows deleted, archived or anonymized
   * @param time when the product's transaction committed
   */
  static AuditRecord executed(ProductPlan plan, long rows, String bundleDigest, Instant time, long latencyMicros) {
    RetentionJob job = plan.job();
    return new AuditRecord(
        UUID.randomUUID().toString(),
        time,
        RetentionJob.SUBJECT,
        plan.product().id(),
        plan.product().version(),
        "retention:" + plan.statements().action().wireName(),
        RetentionJob.PURPOSE,
        Effect.PERMIT,
        Map.of(),
        job.rules().stream().map(RuleReference::toString).toList(),
        bundleDigest,
        latencyMicros,
        List.of(),
        job.retention() == null ? null : job.retention().cutoff(),
        rows);
  }
}
