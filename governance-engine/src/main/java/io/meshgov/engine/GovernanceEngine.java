package io.meshgov.engine;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditSink;
import io.meshgov.api.BatchOutcome;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.BundleRejectedException;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Explanation;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.OpaQuery;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.OpaStatistics;
import io.meshgov.api.PolicyTestReport;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.RuleMatch;
import io.meshgov.api.Vocabulary;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides access requests against a policy bundle and audits every decision: the one entry point
 * of meshgov.
 *
 * <pre>{@code
 * GovernanceEngine engine = GovernanceEngine.builder()
 *     .bundle(Path.of("policies"))
 *     .auditSink(JsonLinesAuditSink.open(Path.of("audit.jsonl")))
 *     .build();
 * Decision decision = engine.decide(request);
 * }</pre>
 *
 * <p>An engine is thread-safe and meant to be built once and shared: a decision reads one immutable
 * compiled bundle from a single atomic reference, with no lock. {@link #reload()} compiles the new
 * bundle aside and swaps it in only when it is valid, so a decision sees either the old bundle or
 * the new one, never a mix, and a rejected bundle changes nothing. {@link #close()} closes the audit
 * sink and the OPA client; an engine is not used after it.
 */
public interface GovernanceEngine extends AutoCloseable {

  /** A builder for an engine; {@link Builder#bundle} is the one required setting. */
  static Builder builder() {
    return new Builder();
  }

  /** A builder with this engine's settings, to build a variant (another clock, sink or OPA). */
  Builder newBuilder();

  /**
   * Decides one request and records it with the audit sink.
   *
   * @throws RequestException if the request names an unknown product or column
   * @throws io.meshgov.api.AuditException if the audit record could not be written; the decision
   *     must not be used
   */
  Decision decide(AccessRequest request);

  /**
   * Decides one request exactly as {@link #decide} does, but writes no audit record: for tools that
   * ask what a subject <em>could</em> see without reading anything (a catalog listing such as
   * Trino's {@code SHOW TABLES}, an access map of every subject). Never use it to grant a read:
   * every read must leave an audit record.
   *
   * @throws RequestException if the request names an unknown product or column
   */
  Decision simulate(AccessRequest request);

  /**
   * Decides every request of a batch; outcomes come back in request order, and a bad request
   * rejects only itself. When the bundle has OPA-backed policy sets the decisions run concurrently,
   * at most {@link OpaSettings#maxConcurrentCalls()} at a time, each within its own deadline.
   */
  List<BatchOutcome> decideAll(List<AccessRequest> requests);

  /**
   * Decides a request and traces every rule of the product's plan: whether it applied and why, or
   * why it was left out before its conditions were evaluated (docs/cli.md, explain). Decides and is
   * audited exactly like {@link #decide}.
   */
  Explanation explain(AccessRequest request);

  /**
   * Runs the PolicyTest cases of the bundle in use against this engine's bundle and OPA settings,
   * and records which rules of the bundle their decisions applied ({@link
   * PolicyTestReport#coverage()}). The test decisions are not audited: they are not accesses to data.
   */
  PolicyTestReport runPolicyTests();

  /**
   * The request of every PolicyTest case of the bundle in use whose request is valid, in file
   * order, without deciding them: what another bundle would decide for the same cases.
   */
  List<io.meshgov.api.PolicyTestRequest> policyTestRequests();

  /**
   * What the retention job must do to a catalog product at {@code at} (docs/retention.md): the
   * retention rules that apply to the job's subject ({@link io.meshgov.api.RetentionJob#SUBJECT},
   * action read, purpose {@link io.meshgov.api.RetentionJob#PURPOSE}) combined as for a decision,
   * whatever the access rules say about that subject. Nothing is audited: the job audits what it
   * executes.
   *
   * @throws RequestException if the product is not in the catalog
   */
  io.meshgov.api.RetentionJob retentionJob(String productId, Instant at);

  /**
   * Every rule that can apply to a catalog product, or to one of its columns, whatever the request
   * (docs/cli.md, rules): the rules whose scope and {@code match} select it, as the evaluator's plans
   * hold them, in combining order (docs/combining.md), each with why it matches. Rules of every
   * version are listed; {@link RuleMatch#inForce()} says whether a rule's version is in force at
   * {@code at}. With a {@code column}, column rules are listed only when they match that column;
   * every other rule holds for the whole product and is listed too.
   *
   * @param column a column of the product, or null for the whole product
   * @throws RequestException if the product is not in the catalog or has no such column, with the
   *     nearest name as "did you mean"
   */
  List<RuleMatch> rulesFor(String productId, @Nullable String column, Instant at);

  /**
   * What this request would send each OPA-backed policy set it consults, without calling OPA or
   * deciding anything: for Rego authors, who run {@code opa eval -i} on the input.
   *
   * @throws RequestException if the request names an unknown product or column
   */
  List<OpaQuery> opaQueries(AccessRequest request);

  /** The warnings of the bundle in use (errors reject a bundle, so there are none here). */
  List<Problem> warnings();

  /** The bundle decisions are currently made with. */
  BundleInfo bundle();

  /** The catalog of the bundle in use, by product id, in the bundle's order. */
  Map<String, DataProduct> catalog();

  /**
   * The names the current bundle's {@code bundle.yaml} declares (docs/policy-language.md, "Vocabulary"):
   * requests whose purpose it does not declare are request errors. {@link Vocabulary#NONE} when it
   * declares none.
   */
  Vocabulary vocabulary();

  /** Looks up a product of the current bundle's catalog. */
  Optional<DataProduct> product(String id);

  /** The OPA federation's counters, or empty when no OPA URL is configured. */
  Optional<OpaStatistics> opaStatistics();

  /**
   * Loads the bundle again from its directory and swaps it in if it is valid.
   *
   * @return the warnings of the new bundle
   * @throws BundleRejectedException if the new bundle has errors; the previous one stays in use
   */
  List<Problem> reload();

  /** Closes the audit sink and releases the OPA client's threads and connections. */
  @Override
  void close();

  /**
   * Builds a {@link GovernanceEngine}, or validates a bundle without building one. {@link #bundle}
   * is required; the audit sink defaults to discarding, the clock to the system clock, the ticker to
   * {@code System::nanoTime}, the limits to
   * {@link LoadLimits#DEFAULTS}, and without {@link #opa} OPA-backed policy sets deny every request
   * they match. Not thread-safe; the engines it builds are.
   */
  final class Builder {
    @Nullable Path bundlePath;
    AuditSink auditSink = AuditSink.discarding();
    InstantSource clock = InstantSource.system();
    LongSupplier ticker = System::nanoTime;
    LoadLimits limits = LoadLimits.DEFAULTS;
    @Nullable OpaSettings opaSettings;

    Builder() {}

    /** The bundle directory; {@link #build()}, {@link #validate()} and {@link GovernanceEngine#reload()} read it. */
    public Builder bundle(Path bundlePath) {
      this.bundlePath = Objects.requireNonNull(bundlePath, "bundle path must not be null");
      return this;
    }

    /** Where audit records go; the engine closes it on {@link GovernanceEngine#close()}. */
    public Builder auditSink(AuditSink auditSink) {
      this.auditSink = Objects.requireNonNull(auditSink, "audit sink must not be null");
      return this;
    }

    /** The clock for requests without {@code at}, for decision ids and audit times. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * The monotonic nanosecond source that times each decision for its audit record's {@code
     * latencyMicros}; {@code System::nanoTime} unless set. (OPA deadlines use {@link
     * OpaSettings#ticker()}.)
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
      return this;
    }

    /** The limits that guard loading against hostile bundles and request files. */
    public Builder limits(LoadLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits must not be null");
      return this;
    }

    /**
     * Where OPA-backed policy sets are evaluated. Without it, requests those sets match are denied,
     * and the bundle's warnings say so.
     */
    public Builder opa(OpaSettings settings) {
      this.opaSettings = Objects.requireNonNull(settings, "OPA settings must not be null");
      return this;
    }

    /**
     * Loads, validates and compiles the bundle without building an engine: every problem found,
     * warnings included, in file, line and column order. The bundle is valid when none is an error.
     * Without {@link #opa}, each OPA-backed policy set also gets an {@code opa-not-configured}
     * warning, since its requests would be denied.
     *
     * @throws IllegalStateException if no bundle was set
     */
    public List<Problem> validate() {
      return BundlePipeline.validate(requireBundle(), limits, opaSettings != null);
    }

    /**
     * Loads the bundle and builds the engine.
     *
     * @throws BundleRejectedException with every problem if the bundle has errors
     * @throws IllegalStateException if no bundle was set
     * @throws IllegalArgumentException if the OPA token file or trusted certificates cannot be read
     */
    public GovernanceEngine build() {
      return DefaultGovernanceEngine.build(this, requireBundle());
    }

    /** A builder with the same settings: each field is copied here, so none is forgotten. */
    Builder copy() {
      Builder copy = new Builder();
      copy.bundlePath = bundlePath;
      copy.auditSink = auditSink;
      copy.clock = clock;
      copy.ticker = ticker;
      copy.limits = limits;
      copy.opaSettings = opaSettings;
      return copy;
    }

    private Path requireBundle() {
      if (bundlePath == null) {
        throw new IllegalStateException("bundle path must be set");
      }
      return bundlePath;
    }
  }
}
