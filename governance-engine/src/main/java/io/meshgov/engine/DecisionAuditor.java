package io.meshgov.engine;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.AuditSink;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.Decision;
import io.meshgov.api.RuleReference;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The audit stage: turns each decision into its one audit record and hands it to the sink. A record
 * that cannot be written fails the decision, so no answer goes out unaudited.
 */
final class DecisionAuditor {
  private final AuditSink sink;
  private final InstantSource clock;
  private final LongSupplier ticker;

  DecisionAuditor(AuditSink sink, InstantSource clock, LongSupplier ticker) {
    this.sink = sink;
    this.clock = clock;
    this.ticker = ticker;
  }

  /** The ticker's reading when a decision starts, for its latency. */
  long start() {
    return ticker.getAsLong();
  }

  void audit(AccessRequest request, Decision decision, long startedNanos) {
    if (sink == AuditSink.discarding()) {
      return;
    }
    Map<String, String> columns = new LinkedHashMap<>();
    for (ColumnDecision column : decision.columns()) {
      columns.put(column.name(), column.mask() != null ? "mask:" + column.mask().method().wireName()
          : column.effect().wireName());
    }
    List<String> rules = new ArrayList<>(decision.appliedRules().size());
    for (RuleReference rule : decision.appliedRules()) {
      rules.add(rule.toString());
    }
    long latencyMicros = Math.max(0, (ticker.getAsLong() - startedNanos) / 1_000);
    AuditRecord record = new AuditRecord(decision.decisionId(), clock.instant(), request.subject().id(),
        decision.product().id(), decision.product().version(), request.action().wireName(), request.purpose(),
        decision.effect(), columns, rules, decision.bundle().digest(), latencyMicros, decision.opa());
    try {
      sink.record(record);
    } catch (AuditException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AuditException("audit sink " + sink.getClass().getName() + " failed: " + e.getMessage(), e);
    }
  }

  void close() {
    sink.close();
  }
}
