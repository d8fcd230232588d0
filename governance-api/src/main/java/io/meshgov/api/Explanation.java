package io.meshgov.api;

import java.util.List;
import java.util.Objects;

/** A decision with the trace of every rule considered for it. */
public record Explanation(Decision decision, List<TraceEntry> trace) {
  public Explanation {
    Objects.requireNonNull(decision, "decision");
    trace = List.copyOf(trace);
  }
}
