package io.meshgov.engine;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.AuditSink;
import io.meshgov.api.BatchOutcome;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Explanation;
import io.meshgov.api.GovernanceEngine;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Severity;
import io.meshgov.engine.compile.BundleCompiler;
import io.meshgov.engine.compile.CompiledBundle;
import io.meshgov.engine.compile.ProductPlan;
import io.meshgov.engine.evaluate.Contributions;
import io.meshgov.engine.evaluate.Evaluator;
import io.meshgov.engine.load.BundleLoader;
import io.meshgov.engine.load.LoadLimits;
import io.meshgov.engine.load.ProblemSink;
import io.meshgov.engine.load.RawBundle;
import io.meshgov.engine.opa.OpaFederation;
import io.meshgov.engine.opa.OpaInput;
import io.meshgov.engine.opa.OpaQuery;
import io.meshgov.engine.opa.OpaSettings;
import io.meshgov.engine.opa.OpaStatistics;
import io.meshgov.engine.testing.PolicyTestRunner;
import io.meshgov.engine.validate.BundleValidator;
import io.meshgov.engine.validate.PolicySetVersion;
import io.meshgov.engine.validate.RequestChecks;
import io.meshgov.engine.validate.ValidatedBundle;
import io.meshgov.engine.validate.ValidationResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The meshgov engine: decides requests against a policy bundle directory and audits every decision.
 *
 * <p>Build it once and share it: it is thread-safe, and a decision reads one immutable compiled
 * bundle from a single atomic reference, with no lock. {@link #reload()} compiles the new bundle
 * aside and swaps the reference only when it is valid, so a rejected bundle changes nothing.
 *
 * <pre>{@code
 * GovernanceEngine engine = MeshgovEngine.builder()
 *     .bundle(Path.of("policies"))
 *     .auditSink(JsonLinesAuditSink.open(Path.of("audit.jsonl")))
 *     .build();
 * Decision decision = engine.decide(request);
 * }</pre>
 */
public final class MeshgovEngine implements GovernanceEngine {
  private final Path bundlePath;
  private final AuditSink auditSink;
  private final InstantSource clock;
  private final LoadLimits limits;
  private final @Nullable OpaSettings opaSettings;
  private final @Nullable OpaFederation opa;
  private final AtomicReference<Loaded> current;

  private record Loaded(CompiledBundle bundle, List<Problem> warnings) {}

  private MeshgovEngine(Builder builder, Loaded loaded, @Nullable OpaFederation opa) {
    this.bundlePath = builder.bundlePath;
    this.auditSink = builder.auditSink;
    this.clock = builder.clock;
    this.limits = builder.limits;
    this.opaSettings = builder.opaSettings;
    this.opa = opa;
    this.current = new AtomicReference<>(loaded);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this engine's settings, to build a variant. */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.bundlePath = bundlePath;
    builder.auditSink = auditSink;
    builder.clock = clock;
    builder.limits = limits;
    builder.opaSettings = opaSettings;
    return builder;
  }

  /**
   * Loads, validates and compiles a bundle without building an engine: every problem found,
   * warnings included. The bundle is valid when none is an error.
   */
  public static List<Problem> validate(Path bundle, LoadLimits limits) {
    return validate(bundle, limits, false);
  }

  /**
   * Like {@link #validate(Path, LoadLimits)}; without {@code opaConfigured}, each OPA-backed policy
   * set also gets an {@code opa-not-configured} warning: its requests would be denied.
   */
  public static List<Problem> validate(Path bundle, LoadLimits limits, boolean opaConfigured) {
    ValidationResult result = check(bundle, limits);
    if (opaConfigured || result.bundle() == null) {
      return result.problems();
    }
    return withOpaWarnings(result.problems(), result.bundle());
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
      if (set.isOpaBacked()) {
        warnings.add(new Problem(Severity.WARNING, "opa-not-configured", set.file(), set.opa().position().line(),
            set.opa().position().column(),
            "policy set " + set.id() + "@" + set.version().text()
                + " is evaluated by Open Policy Agent, but no OPA URL is configured: every request it matches is denied",
            "pass --opa-url or set MESHGOV_OPA_URL (MeshgovEngine.Builder.opa in Java)"));
      }
    }
    return warnings;
  }

  /** The pipeline, once per bundle: load, then validate, policies and then their tests. */
  private static ValidationResult check(Path bundle, LoadLimits limits) {
    RawBundle raw = new BundleLoader(limits).load(bundle);
    ValidationResult result = new BundleValidator().validate(raw);
    if (result.bundle() == null) {
      return result;
    }
    List<Problem> testProblems = PolicyTestRunner.check(result.bundle().catalog(), result.bundle().tests());
    if (testProblems.isEmpty()) {
      return result;
    }
    List<Problem> all = new ArrayList<>(result.problems());
    all.addAll(testProblems);
    boolean rejected = testProblems.stream().anyMatch(Problem::isError);
    return new ValidationResult(all, rejected ? null : result.bundle());
  }

  private static Loaded load(Path bundle, LoadLimits limits, boolean opaConfigured) {
    ValidationResult result = check(bundle, limits);
    ValidatedBundle validated = result.bundleOrThrow();
    List<Problem> warnings = opaConfigured ? result.problems() : withOpaWarnings(result.problems(), validated);
    return new Loaded(new BundleCompiler().compile(validated), warnings);
  }

  @Override
  public Decision decide(AccessRequest request) {
    return evaluate(request, false).decision();
  }

  /**
   * {@inheritDoc}
   *
   * <p>When the bundle has OPA-backed policy sets, the decisions run concurrently, at most {@link
   * OpaSettings#maxConcurrentCalls()} at a time, so their OPA calls overlap; each keeps its own
   * deadline. Outcomes come back in request order either way.
   */
  @Override
  public List<BatchOutcome> decideAll(List<AccessRequest> requests) {
    List<BatchOutcome> outcomes = new ArrayList<>(requests.size());
    if (opa == null || requests.size() < 2 || !current.get().bundle().hasOpaSets()) {
      for (AccessRequest request : requests) {
        outcomes.add(outcome(request));
      }
      return outcomes;
    }
    List<Future<BatchOutcome>> pending = new ArrayList<>(requests.size());
    for (AccessRequest request : requests) {
      pending.add(opa.batchExecutor().submit(() -> outcome(request)));
    }
    try {
      for (Future<BatchOutcome> future : pending) {
        outcomes.add(await(future));
      }
    } catch (RuntimeException | Error e) {
      // an audit failure ends the batch, as in the sequential path: decide nothing more
      for (Future<BatchOutcome> future : pending) {
        future.cancel(true);
      }
      throw e;
    }
    return outcomes;
  }

  private BatchOutcome outcome(AccessRequest request) {
    try {
      return new BatchOutcome.Decided(decide(request));
    } catch (RequestException e) {
      return new BatchOutcome.Rejected(e);
    }
  }

  private static BatchOutcome await(Future<BatchOutcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deciding a batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public Explanation explain(AccessRequest request) {
    return evaluate(request, true);
  }

  /** Evaluate, then audit: every decision, traced or not, takes this one path. */
  private Explanation evaluate(AccessRequest request, boolean trace) {
    long started = System.nanoTime();
    CompiledBundle bundle = current.get().bundle();
    Planned planned = plan(bundle, request);
    Resolved resolved = planned.resolved();
    ProductPlan plan = planned.plan();
    Contributions contributions = Contributions.NONE;
    if (plan.opaSets().length > 0) {
      contributions = opa == null ? OpaFederation.notConfigured(plan.opaSets(), trace)
          : opa.consult(plan.opaSets(), request, resolved.product, resolved.columns, planned.at(), trace);
    }
    Explanation explanation = Evaluator.evaluate(bundle, request, plan, resolved.columns, planned.at(),
        DecisionIds.next(clock.millis()), resolved.inline, contributions, trace);
    audit(request, explanation.decision(), started);
    return explanation;
  }

  @Override
  public BundleInfo bundle() {
    return current.get().bundle().info();
  }

  /**
   * What this request would send each OPA-backed policy set it consults (SPEC §8), without calling
   * OPA or deciding anything: for Rego authors, who run {@code opa eval -i} on the input.
   *
   * @throws RequestException if the request names an unknown product or column
   */
  public List<OpaQuery> opaQueries(AccessRequest request) {
    Planned planned = plan(current.get().bundle(), request);
    Resolved resolved = planned.resolved();
    List<OpaQuery> queries = new ArrayList<>(planned.plan().opaSets().length);
    for (PolicySetVersion set : planned.plan().opaSets()) {
      queries.add(new OpaQuery(set.id(), set.version().text(), set.opa().path(), opa == null ? null : opa.url(set),
          OpaInput.document(request, resolved.product, resolved.columns, planned.at(), set)));
    }
    return queries;
  }

  /** A request resolved against the catalog, its instant, and the plan of its product and action then. */
  private record Planned(Resolved resolved, Instant at, ProductPlan plan) {}

  private Planned plan(CompiledBundle bundle, AccessRequest request) {
    Resolved resolved = resolve(bundle, request);
    Instant at = request.at() != null ? request.at() : clock.instant();
    return new Planned(resolved, at,
        Evaluator.plan(bundle, resolved.product, request.action(), at, resolved.inline, List.of()));
  }

  /** The OPA federation's counters, or empty when no OPA URL is configured. */
  public Optional<OpaStatistics> opaStatistics() {
    return opa == null ? Optional.empty() : Optional.of(opa.statistics());
  }

  /** The warnings of the bundle in use. */
  public List<Problem> warnings() {
    return current.get().warnings();
  }

  @Override
  public Optional<DataProduct> product(String id) {
    return Optional.ofNullable(current.get().bundle().catalog().get(id));
  }

  /** The catalog of the bundle in use, by product id. */
  public Map<String, DataProduct> catalog() {
    return current.get().bundle().catalog();
  }

  /** Runs the PolicyTest cases of the bundle in use against this engine (SPEC §7). */
  public PolicyTestRunner.Report runPolicyTests() {
    return PolicyTestRunner.run(this, current.get().bundle().source().tests());
  }

  @Override
  public List<Problem> reload() {
    Loaded loaded = load(bundlePath, limits, opa != null);
    current.set(loaded);
    return loaded.warnings();
  }

  /** Closes the audit sink and releases the OPA client's threads and connections. */
  @Override
  public void close() {
    try {
      if (opa != null) {
        opa.close();
      }
    } finally {
      auditSink.close();
    }
  }

  private void audit(AccessRequest request, Decision decision, long startedNanos) {
    if (auditSink == AuditSink.discarding()) {
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
    long latencyMicros = Math.max(0, (System.nanoTime() - startedNanos) / 1_000);
    AuditRecord record = new AuditRecord(decision.decisionId(), clock.instant(), request.subject().id(),
        decision.product().id(), decision.product().version(), request.action().wireName(), request.purpose(),
        decision.effect(), columns, rules, decision.bundle().digest(), latencyMicros, decision.opa());
    try {
      auditSink.record(record);
    } catch (AuditException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AuditException("audit sink " + auditSink.getClass().getName() + " failed: " + e.getMessage(), e);
    }
  }

  private record Resolved(DataProduct product, int[] columns, boolean inline) {}

  private static Resolved resolve(CompiledBundle bundle, AccessRequest request) {
    DataProduct product = request.inlineProduct();
    boolean inline = product != null;
    if (inline) {
      RequestChecks.Finding shadowing = RequestChecks.shadowsCatalog(product, bundle.catalog());
      if (shadowing != null) {
        throw rejected(List.of(shadowing));
      }
      if (bundle.catalog().containsKey(product.id())) {
        inline = false;
      } else {
        List<RequestChecks.Finding> findings = RequestChecks.inlineProduct(product);
        if (!findings.isEmpty()) {
          throw rejected(findings);
        }
      }
    } else {
      product = bundle.catalog().get(request.productId());
      if (product == null) {
        throw rejected(List.of(RequestChecks.unknownProduct(request.productId(), bundle.catalog().keySet())));
      }
    }
    List<String> requested = request.columns();
    if (requested.isEmpty()) {
      int[] all = new int[product.columns().size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return new Resolved(product, all, inline);
    }
    int[] indexes = new int[requested.size()];
    List<RequestChecks.Finding> findings = null;
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = indexOf(product, requested.get(i));
      RequestChecks.Finding finding = RequestChecks.requestedColumn(product, requested, i);
      if (finding != null) {
        if (findings == null) {
          findings = new ArrayList<>();
        }
        findings.add(finding);
      }
    }
    if (findings != null) {
      throw rejected(findings);
    }
    return new Resolved(product, indexes, inline);
  }

  private static int indexOf(DataProduct product, String column) {
    List<io.meshgov.api.Column> columns = product.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** A request built in Java has no file: its problems name {@code <request>} at 0:0. */
  private static RequestException rejected(List<RequestChecks.Finding> findings) {
    List<Problem> problems = new ArrayList<>(findings.size());
    for (RequestChecks.Finding finding : findings) {
      problems.add(new Problem(Severity.ERROR, finding.code(), "<request>", 0, 0, finding.message(), finding.help()));
    }
    return new RequestException(problems);
  }

  /**
   * Builds a {@link MeshgovEngine}. {@link #bundle} is required; the audit sink defaults to
   * discarding, the clock to the system clock, the limits to {@link LoadLimits#DEFAULTS}.
   */
  public static final class Builder {
    private @Nullable Path bundlePath;
    private AuditSink auditSink = AuditSink.discarding();
    private InstantSource clock = InstantSource.system();
    private LoadLimits limits = LoadLimits.DEFAULTS;
    private @Nullable OpaSettings opaSettings;

    private Builder() {}

    /**
     * Where OPA-backed policy sets are evaluated (SPEC §8). Without it, requests those sets match
     * are denied, and the bundle's warnings say so.
     */
    public Builder opa(OpaSettings settings) {
      this.opaSettings = Objects.requireNonNull(settings, "OPA settings must not be null");
      return this;
    }

    /** The bundle directory; {@link #build()} and {@link MeshgovEngine#reload()} read it. */
    public Builder bundle(Path bundlePath) {
      this.bundlePath = Objects.requireNonNull(bundlePath, "bundle path must not be null");
      return this;
    }

    /** Where audit records go; the engine closes it on {@link MeshgovEngine#close()}. */
    public Builder auditSink(AuditSink auditSink) {
      this.auditSink = Objects.requireNonNull(auditSink, "audit sink must not be null");
      return this;
    }

    /** The clock for requests without {@code at}, for decision ids and audit times. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    public Builder limits(LoadLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits must not be null");
      return this;
    }

    /**
     * Loads the bundle and builds the engine.
     *
     * @throws io.meshgov.api.BundleRejectedException with every problem if the bundle has errors
     * @throws IllegalArgumentException if the OPA token file or trusted certificates cannot be read
     */
    public MeshgovEngine build() {
      if (bundlePath == null) {
        throw new IllegalStateException("bundle path must be set");
      }
      Loaded loaded = load(bundlePath, limits, opaSettings != null);
      return new MeshgovEngine(this, loaded, opaSettings == null ? null : new OpaFederation(opaSettings));
    }
  }
}
