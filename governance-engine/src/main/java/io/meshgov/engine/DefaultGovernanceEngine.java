package io.meshgov.engine;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BatchOutcome;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Explanation;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.OpaQuery;
import io.meshgov.api.OpaStatistics;
import io.meshgov.api.PolicyTestReport;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RuleMatch;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.BundlePipeline.Loaded;
import io.meshgov.engine.RequestPlanner.Planned;
import io.meshgov.engine.internal.compile.CompiledBundle;
import io.meshgov.engine.internal.compile.RuleListing;
import io.meshgov.engine.internal.compile.residual.CompiledFilters;
import io.meshgov.engine.internal.evaluate.Contributions;
import io.meshgov.engine.internal.evaluate.Evaluator;
import io.meshgov.engine.internal.opa.OpaFederation;
import io.meshgov.engine.internal.opa.OpaInput;
import io.meshgov.engine.internal.testing.PolicyTestRunner;
import io.meshgov.engine.internal.validate.FiltersChecked;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link GovernanceEngine}: one atomic reference to the compiled bundle in use,
 * swapped whole by {@link #reload()}; every decision, traced or not, audited or not, takes {@link
 * #evaluate}. Not API: callers hold a {@link GovernanceEngine}.
 */
final class DefaultGovernanceEngine implements GovernanceEngine {
  private final Path bundlePath;
  private final InstantSource clock;
  private final LoadLimits limits;
  private final @Nullable OpaFederation opa;
  /**
   * The row filters this engine type-checked and compiled, its own: reloads and OPA answers reuse
   * them, other engines never see them.
   */
  private final FiltersChecked checked;
  private final CompiledFilters filters;
  private final DecisionAuditor auditor;
  private final GovernanceEngine.Builder settings;
  private final AtomicReference<Loaded> current;

  private DefaultGovernanceEngine(GovernanceEngine.Builder builder, Path bundlePath, Loaded loaded,
      @Nullable OpaFederation opa, FiltersChecked checked, CompiledFilters filters) {
    this.bundlePath = bundlePath;
    this.clock = builder.clock;
    this.limits = builder.limits;
    this.opa = opa;
    this.checked = checked;
    this.filters = filters;
    this.auditor = new DecisionAuditor(builder.auditSink, builder.clock, builder.ticker);
    this.settings = builder.copy();
    this.current = new AtomicReference<>(loaded);
  }

  static GovernanceEngine build(GovernanceEngine.Builder builder, Path bundlePath) {
    FiltersChecked checked = new FiltersChecked();
    CompiledFilters filters = new CompiledFilters();
    Loaded loaded = BundlePipeline.load(bundlePath, builder.limits, builder.opaSettings != null, checked, filters);
    OpaFederation opa = builder.opaSettings == null ? null
        : new OpaFederation(builder.opaSettings, checked, filters);
    return new DefaultGovernanceEngine(builder, bundlePath, loaded, opa, checked, filters);
  }

  @Override
  public GovernanceEngine.Builder newBuilder() {
    return settings.copy();
  }

  @Override
  public Decision decide(AccessRequest request) {
    return evaluate(request, false, true).decision();
  }

  @Override
  public Decision simulate(AccessRequest request) {
    return evaluate(request, false, false).decision();
  }

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
    return evaluate(request, true, true);
  }

  /** Plan, consult OPA, evaluate, then audit: every decision takes this one path. */
  private Explanation evaluate(AccessRequest request, boolean trace, boolean audited) {
    long started = auditor.start();
    CompiledBundle bundle = current.get().bundle();
    Planned planned = RequestPlanner.plan(bundle, request, clock);
    Contributions contributions = Contributions.NONE;
    if (planned.plan().opaSets().length > 0) {
      contributions = opa == null ? OpaFederation.notConfigured(planned.plan().opaSets(), trace)
          : opa.consult(planned.plan().opaSets(), request, planned.product(), planned.columns(), planned.at(), trace);
    }
    Explanation explanation = Evaluator.evaluate(bundle, request, planned.plan(), planned.columns(), planned.at(),
        DecisionIds.next(clock.millis()), planned.inline(), contributions, trace);
    if (audited) {
      auditor.audit(request, explanation.decision(), started);
    }
    return explanation;
  }

  @Override
  public List<io.meshgov.api.PolicyTestRequest> policyTestRequests() {
    CompiledBundle bundle = current.get().bundle();
    return PolicyTestRunner.requests(bundle.catalog(), bundle.source().vocabulary(), bundle.source().tests());
  }

  @Override
  public RetentionJob retentionJob(String productId, Instant at) {
    return RetentionJobs.job(current.get().bundle(), productId, at);
  }

  @Override
  public PolicyTestReport runPolicyTests() {
    CompiledBundle bundle = current.get().bundle();
    return PolicyTestRunner.run(request -> evaluate(request, false, false).decision(), bundle.catalog(),
        bundle.source().vocabulary(), bundle.source().tests(), bundle.source().policySets());
  }

  @Override
  public List<RuleMatch> rulesFor(String productId, @Nullable String column, Instant at) {
    CompiledBundle bundle = current.get().bundle();
    DataProduct product = RequestPlanner.catalogProduct(bundle, productId);
    int columnIndex = column == null ? -1 : RequestPlanner.columnIndex(product, column);
    return RuleListing.list(bundle, product, columnIndex, at);
  }

  @Override
  public List<OpaQuery> opaQueries(AccessRequest request) {
    Planned planned = RequestPlanner.plan(current.get().bundle(), request, clock);
    List<OpaQuery> queries = new ArrayList<>(planned.plan().opaSets().length);
    for (PolicySetVersion set : planned.plan().opaSets()) {
      queries.add(new OpaQuery(set.id(), set.version().text(), set.opa().path(), opa == null ? null : opa.url(set),
          OpaInput.document(request, planned.product(), planned.columns(), planned.at(), set)));
    }
    return queries;
  }

  @Override
  public List<Problem> warnings() {
    return current.get().warnings();
  }

  @Override
  public BundleInfo bundle() {
    return current.get().bundle().info();
  }

  @Override
  public Vocabulary vocabulary() {
    return current.get().bundle().source().vocabulary();
  }

  @Override
  public Map<String, DataProduct> catalog() {
    return current.get().bundle().catalog();
  }

  @Override
  public Optional<DataProduct> product(String id) {
    return Optional.ofNullable(current.get().bundle().catalog().get(id));
  }

  @Override
  public Optional<OpaStatistics> opaStatistics() {
    return opa == null ? Optional.empty() : Optional.of(opa.statistics());
  }

  /** The compiled bundle in use: for tests of this package. */
  CompiledBundle compiledBundle() {
    return current.get().bundle();
  }

  /** The filters this engine type-checked: for tests of this package. */
  FiltersChecked checkedFilters() {
    return checked;
  }

  @Override
  public List<Problem> reload() {
    Loaded loaded = BundlePipeline.load(bundlePath, limits, opa != null, checked, filters);
    current.set(loaded);
    return loaded.warnings();
  }

  @Override
  public void close() {
    try {
      if (opa != null) {
        opa.close();
      }
    } finally {
      auditor.close();
    }
  }
}
