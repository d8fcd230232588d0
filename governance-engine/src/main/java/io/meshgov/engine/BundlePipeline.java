package io.meshgov.engine;

import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import io.meshgov.engine.internal.compile.BundleCompiler;
import io.meshgov.engine.internal.compile.CompiledBundle;
import io.meshgov.engine.internal.compile.residual.CompiledFilters;
import io.meshgov.engine.internal.load.BundleLoader;
import io.meshgov.engine.internal.load.RawBundle;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.validate.BundleValidator;
import io.meshgov.engine.internal.validate.FiltersChecked;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.ValidatedBundle;
import io.meshgov.engine.internal.validate.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline, once per bundle: load, validate (policies, then their tests), compile. Decisions
 * (evaluate, audit) run per request in {@link DefaultGovernanceEngine}.
 */
final class BundlePipeline {
  /** A compiled bundle and its warnings: what an engine serves from. */
  record Loaded(CompiledBundle bundle, List<Problem> warnings) {}

  private BundlePipeline() {}

  /**
   * Load, validate and compile; throws {@link io.meshgov.api.BundleRejectedException} on an error.
   * {@code checked} and {@code filters}: the engine's type-checked and compiled row filters, which a
   * reload reuses.
   */
  static Loaded load(Path bundle, LoadLimits limits, boolean opaConfigured, FiltersChecked checked,
      CompiledFilters filters) {
    ValidationResult result = check(bundle, limits, checked);
    ValidatedBundle validated = result.bundleOrThrow();
    List<Problem> warnings = opaConfigured ? result.problems() : withOpaWarnings(result.problems(), validated);
    return new Loaded(new BundleCompiler(filters).compile(validated), warnings);
  }

  /** Every problem of the bundle, warnings included, without compiling it (and without an engine). */
  static List<Problem> validate(Path bundle, LoadLimits limits, boolean opaConfigured) {
    ValidationResult result = check(bundle, limits, new FiltersChecked());
    if (opaConfigured || result.bundle() == null) {
      return result.problems();
    }
    return withOpaWarnings(result.problems(), result.bundle());
  }

  private static ValidationResult check(Path bundle, LoadLimits limits, FiltersChecked checked) {
    RawBundle raw = new BundleLoader(limits).load(bundle);
    return new BundleValidator(checked).validate(raw);
  }

  /** The problems and the opa-not-configured warnings, sorted by file, line and column as problems are. */
  private static List<Problem> withOpaWarnings(List<Problem> problems, ValidatedBundle bundle) {
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(opaWarnings(bundle));
    all.sort(ProblemSink.BY_POSITION);
    return List.copyOf(all);
  }

  private static List<Problem> opaWarnings(ValidatedBundle bundle) {
    List<Problem> warnings = new ArrayList<>();
    for (PolicySetVersion set : bundle.policySets()) {
      // a file may acknowledge that it is loaded where no OPA runs (a CI job); its decisions still say why they deny
      if (set.isOpaBacked() && !set.opa().notConfiguredAcknowledged()) {
        warnings.add(new Problem(Severity.WARNING, "opa-not-configured", set.file(), set.opa().position().line(),
            set.opa().position().column(),
            "policy set " + set.id() + "@" + set.version().text()
                + " is evaluated by Open Policy Agent, but no OPA URL is configured: every request it matches is denied",
            "pass --opa-url or set MESHGOV_OPA_URL (GovernanceEngine.Builder.opa in Java)"));
      }
    }
    return warnings;
  }
}
