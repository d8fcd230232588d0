package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.OpaConsultation;
import io.meshgov.api.Reason;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.internal.compile.CompiledRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the OPA-backed policy sets consulted for one decision brought to it (docs/opa.md): the rules
 * their answers contributed, a deny reason for each set that gave no usable answer (fail closed),
 * one consultation entry per set, and, for explanations, a trace line per set. {@code planMemo},
 * when one answer alone contributed, keeps the merged plan with that answer in the cache.
 */
public record Contributions(
    List<CompiledRule> rules,
    List<Reason> failures,
    List<OpaConsultation> consultations,
    List<TraceEntry> trace,
    @Nullable PlanMemo planMemo) {
  public static final Contributions NONE = new Contributions(List.of(), List.of(), List.of(), List.of(), null);

  public Contributions {
    rules = List.copyOf(rules);
    failures = List.copyOf(failures);
    consultations = List.copyOf(consultations);
    trace = List.copyOf(trace);
  }
}
