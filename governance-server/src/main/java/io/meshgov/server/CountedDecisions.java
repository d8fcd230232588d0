package io.meshgov.server;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BatchOutcome;
import io.meshgov.api.Decision;
import io.meshgov.engine.GovernanceEngine;
import java.util.List;

/** Decides through the engine (which audits) and counts and times each decision for {@code /metrics}. */
final class CountedDecisions {
  private final GovernanceEngine engine;
  private final ServerMetrics metrics;

  CountedDecisions(GovernanceEngine engine, ServerMetrics metrics) {
    this.engine = engine;
    this.metrics = metrics;
  }

  Decision decide(String route, AccessRequest request) {
    long start = System.nanoTime();
    Decision decision = engine.decide(request);
    metrics.decided(route, decision, System.nanoTime() - start);
    return decision;
  }

  /** A batch; its time is shared out evenly, since the engine may decide its items concurrently. */
  List<BatchOutcome> decideAll(String route, List<AccessRequest> requests) {
    long start = System.nanoTime();
    List<BatchOutcome> outcomes = engine.decideAll(requests);
    long share = outcomes.isEmpty() ? 0 : (System.nanoTime() - start) / outcomes.size();
    for (BatchOutcome outcome : outcomes) {
      if (outcome instanceof BatchOutcome.Decided decided) {
        metrics.decided(route, decided.decision(), share);
      }
    }
    return outcomes;
  }
}
