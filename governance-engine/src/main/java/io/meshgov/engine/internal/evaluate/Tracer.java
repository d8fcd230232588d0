package io.meshgov.engine.internal.evaluate;

import io.meshgov.api.TraceEntry;
import io.meshgov.engine.internal.compile.CompiledRule;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Records why each rule did or did not apply; {@link #OFF} records nothing and costs nothing. */
class Tracer {
  static final Tracer OFF = new Tracer();

  boolean enabled() {
    return false;
  }

  void record(CompiledRule rule, @Nullable String column, boolean applied, String why) {}

  List<TraceEntry> entries() {
    return List.of();
  }

  /** The rule of each entry, in the same order. */
  List<CompiledRule> rules() {
    return List.of();
  }

  static Tracer recording() {
    return new Recording();
  }

  private static final class Recording extends Tracer {
    private final List<TraceEntry> entries = new ArrayList<>();
    private final List<CompiledRule> rules = new ArrayList<>();

    @Override
    boolean enabled() {
      return true;
    }

    @Override
    void record(CompiledRule rule, @Nullable String column, boolean applied, String why) {
      entries.add(new TraceEntry(rule.reference(), rule.kind().wireName(), column, applied, why));
      rules.add(rule);
    }

    @Override
    List<TraceEntry> entries() {
      return entries;
    }

    @Override
    List<CompiledRule> rules() {
      return rules;
    }
  }
}
