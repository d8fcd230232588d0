package io.meshgov.api;

import java.util.List;
import java.util.Objects;

/**
 * A decision with its trace: every rule of the product's plan, in combining order, with its {@link
 * TraceStatus} and why (docs/cli.md, explain).
 */
public record Explanation(Decision decision, List<TraceEntry> trace) {
  public Explanation {
    Objects.requireNonNull(decision, "decision");
    trace = List.copyOf(trace);
  }
}
