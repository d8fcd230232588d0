package io.meshgov.engine.json;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BatchOutcome;
import io.meshgov.api.Decision;
import io.meshgov.api.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A batch of requests as {@link RequestReader} read it, decided: for each item in order, its
 * decision, or the problems that rejected it (as read, or as the engine refused it). What {@link
 * DecisionJson#writeBatch} writes, for every caller that answers a batch (the command line, the
 * decision server).
 */
public record DecidedBatch(List<@Nullable Decision> decisions, List<@Nullable List<Problem>> errors) {
  public DecidedBatch {
    // not List.copyOf: a rejected item's decision and a decided item's error are null
    decisions = Collections.unmodifiableList(new ArrayList<>(decisions));
    errors = Collections.unmodifiableList(new ArrayList<>(errors));
  }

  /**
   * Decides the valid items together with {@code decideAll} (normally {@code
   * GovernanceEngine::decideAll}, so that the OPA calls of a batch overlap), then lines the
   * outcomes up with the items again.
   */
  public static DecidedBatch decide(List<RequestReader.Item> items,
      Function<List<AccessRequest>, List<BatchOutcome>> decideAll) {
    List<AccessRequest> valid = new ArrayList<>();
    for (RequestReader.Item item : items) {
      if (item.request() != null) {
        valid.add(item.request());
      }
    }
    List<BatchOutcome> outcomes = decideAll.apply(valid);
    List<Decision> decisions = new ArrayList<>();
    List<List<Problem>> errors = new ArrayList<>();
    int next = 0;
    for (RequestReader.Item item : items) {
      Decision decision = null;
      List<Problem> problems = item.problems();
      if (item.request() != null) {
        BatchOutcome outcome = outcomes.get(next++);
        if (outcome instanceof BatchOutcome.Decided decided) {
          decision = decided.decision();
        } else {
          problems = ((BatchOutcome.Rejected) outcome).error().problems();
        }
      }
      decisions.add(decision);
      errors.add(decision == null ? problems : null);
    }
    return new DecidedBatch(decisions, errors);
  }

  /** The batch as JSON: each decision, or {@code {"index": i, "error": "…"}} in a rejected item's place. */
  public String toJson(boolean pretty) {
    return DecisionJson.writeBatch(decisions, errors, pretty);
  }
}
