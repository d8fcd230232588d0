package io.meshgov.engine.internal.opa;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Effect;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.OpaStatistics;
import io.meshgov.api.Problem;
import io.meshgov.api.Reason;
import io.meshgov.api.RuleReference;
import io.meshgov.api.TraceEntry;
import io.meshgov.engine.internal.compile.BundleCompiler;
import io.meshgov.engine.internal.compile.CompiledRule;
import io.meshgov.engine.internal.compile.residual.CompiledFilters;
import io.meshgov.engine.internal.evaluate.Contributions;
import io.meshgov.engine.internal.evaluate.PlanMemo;
import io.meshgov.engine.internal.load.NodeReader;
import io.meshgov.engine.internal.load.OpaResultParser;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.validate.FiltersChecked;
import io.meshgov.engine.internal.validate.OpaAnswerValidator;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Consults the OPA-backed policy sets of a decision (docs/opa.md) and turns their answers into rules
 * that combine like any other. Per set: the cache, else the circuit breaker, then OPA; an answer is
 * read, validated and compiled exactly like rules of the bundle (load, validate, compile); without
 * a usable answer, the last good one if the staleness window allows, else a deny reason naming OPA,
 * the set and the cause. All sets of one decision share one deadline, so a dead or hanging OPA
 * never holds a decision longer than the call timeout.
 *
 * <p>Thread-safe and built once per engine; {@link #close()} releases its threads and connections.
 */
public final class OpaFederation implements AutoCloseable {
  /** Cached per set version, input document and product: compiled rules depend on all three. */
  private record AnswerKey(String policySet, String version, String input, DataProduct product) {}

  private record StoredAnswer(@Nullable String decisionId, List<CompiledRule> rules, long fetchedAt, PlanMemo plan) {}

  private final OpaSettings settings;
  private final FiltersChecked checked;
  private final BundleCompiler compiler;
  private final OpaClient client;
  private final CircuitBreaker breaker;
  private final @Nullable Cache<AnswerKey, StoredAnswer> cache;
  private final LongSupplier ticker;
  private final long ttlNanos;
  private final long stalenessNanos;
  private final ThreadPoolExecutor batchExecutor;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder staleAnswers = new LongAdder();

  /**
   * @param checked the engine's type-checked row filters and
   * @param filters its compiled row filters: an answer that brings a filter again reuses both
   * @throws IllegalArgumentException if the token file or trusted certificates cannot be read
   */
  public OpaFederation(OpaSettings settings, FiltersChecked checked, CompiledFilters filters) {
    this.settings = settings;
    this.checked = checked;
    this.compiler = new BundleCompiler(filters);
    this.client = new OpaClient(settings);
    this.ticker = settings.ticker();
    this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenDuration().toNanos(), ticker);
    this.ttlNanos = settings.cacheTtl().toNanos();
    this.stalenessNanos = settings.maxStaleness().toNanos();
    Duration keep = settings.cacheTtl().compareTo(settings.maxStaleness()) >= 0 ? settings.cacheTtl()
        : settings.maxStaleness();
    this.cache = keep.isZero() || settings.cacheMaximumSize() == 0 ? null
        : Caffeine.newBuilder()
            .maximumSize(settings.cacheMaximumSize())
            .expireAfterWrite(keep)
            .ticker(ticker::getAsLong)
            .executor(Runnable::run)
            .build();
    AtomicInteger threads = new AtomicInteger();
    this.batchExecutor = new ThreadPoolExecutor(settings.maxConcurrentCalls(), settings.maxConcurrentCalls(), 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
          Thread thread = new Thread(task, "meshgov-opa-batch-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.batchExecutor.allowCoreThreadTimeOut(true);
  }

  public OpaSettings settings() {
    return settings;
  }

  /** Runs the decisions of a batch that consult OPA, at most {@code maxConcurrentCalls} at a time. */
  public ExecutorService batchExecutor() {
    return batchExecutor;
  }

  /** The URL a policy set's requests go to. */
  public String url(PolicySetVersion set) {
    return client.url(set.opa().path()).toString();
  }

  /**
   * Consults {@code sets} for one decision, one after the other within one deadline.
   *
   * @param columns the requested columns, indexes into the product's columns in request order
   */
  public Contributions consult(PolicySetVersion[] sets, AccessRequest request, DataProduct product, int[] columns,
      Instant at, boolean trace) {
    // the deadline starts with the first call, shared by the calls after it
    long[] deadline = {0};
    List<CompiledRule> rules = new ArrayList<>();
    List<Reason> denials = new ArrayList<>(0);
    List<OpaConsultation> consultations = new ArrayList<>(sets.length);
    List<TraceEntry> entries = trace ? new ArrayList<>(sets.length) : List.of();
    PlanMemo memo = null;
    for (PolicySetVersion set : sets) {
      String input = OpaInput.document(request, product, columns, at, set);
      Consulted consulted = consult(set, input, product, deadline);
      consultations.add(consulted.consultation);
      if (consulted.consultation.failed()) {
        failures.increment();
        denials.add(denial(set, consulted.cause));
      } else {
        rules.addAll(consulted.rules);
      }
      memo = consulted.plan;
      if (trace) {
        entries.add(traceEntry(set, consulted));
      }
    }
    // a merged plan can be remembered with one answer only: several answers combine per decision
    return new Contributions(rules, denials, consultations, entries, sets.length == 1 ? memo : null);
  }

  /** What every set of a decision contributes when no OPA URL is configured: a deny each. */
  public static Contributions notConfigured(PolicySetVersion[] sets, boolean trace) {
    Failure failure = new Failure(Failure.Kind.NOT_CONFIGURED,
        "no OPA URL is configured (set --opa-url, MESHGOV_OPA_URL or GovernanceEngine.Builder.opa)");
    String cause = failure.cause();
    List<Reason> denials = new ArrayList<>(sets.length);
    List<OpaConsultation> consultations = new ArrayList<>(sets.length);
    List<TraceEntry> entries = new ArrayList<>(sets.length);
    for (PolicySetVersion set : sets) {
      denials.add(denial(set, cause));
      consultations.add(new OpaConsultation(set.id(), set.version().text(), null, false, false, failure.summary()));
      if (trace) {
        entries.add(new TraceEntry(reference(set), "opa", null, true, denialMessage(set, cause)));
      }
    }
    return new Contributions(List.of(), denials, consultations, entries, null);
  }

  /** {@code cause}: why a failed consultation failed, for the deny reason; else null. */
  private record Consulted(OpaConsultation consultation, List<CompiledRule> rules, @Nullable PlanMemo plan,
      @Nullable String cause) {}

  private Consulted consult(PolicySetVersion set, String input, DataProduct product, long[] sharedDeadline) {
    String version = set.version().text();
    AnswerKey key = cache == null ? null : new AnswerKey(set.id(), version, input, product);
    StoredAnswer stored = key == null ? null : cache.getIfPresent(key);
    if (stored != null && ticker.getAsLong() - stored.fetchedAt() < ttlNanos) {
      hits.increment();
      return new Consulted(new OpaConsultation(set.id(), version, stored.decisionId(), true, false, null),
          stored.rules(), stored.plan(), null);
    }
    misses.increment();
    if (sharedDeadline[0] == 0) {
      sharedDeadline[0] = ticker.getAsLong() + settings.callTimeout().toNanos();
    }
    long deadline = sharedDeadline[0];
    Failure failure;
    // kept when OPA answered wrongly: the id joins the deny with OPA's decision log
    String answeredId = null;
    if (ticker.getAsLong() >= deadline) {
      failure = new Failure(Failure.Kind.TIMEOUT, "the decision's OPA deadline of "
          + OpaClient.millis(settings.callTimeout().toNanos()) + " passed before this set was asked");
    } else if (!breaker.tryAcquire()) {
      failure = new Failure(Failure.Kind.BREAKER_OPEN, "OPA failed " + settings.breakerFailures()
          + " times in a row; the circuit breaker is open for another "
          + OpaClient.millis(breaker.remainingOpenNanos()) + ", so OPA was not called");
    } else {
      failure = null;
      OpaClient.Outcome outcome;
      try {
        outcome = client.post(set.opa().path(), OpaInput.body(input), deadline);
      } catch (RuntimeException e) {
        outcome = new Failure(Failure.Kind.UNREACHABLE, "the OPA call failed: " + e);
      }
      if (outcome instanceof Failure failed && failed.kind().unreachable()) {
        breaker.onFailure();
      } else {
        breaker.onSuccess();
      }
      if (outcome instanceof OpaClient.Answer answer) {
        answeredId = answer.decisionId();
        ProblemSink problems = new ProblemSink();
        List<CompiledRule> rules = answer.result() == null ? List.of() : rules(answer, set, product, problems);
        if (problems.hasErrors()) {
          failure = new Failure(Failure.Kind.INVALID_RESULT, "OPA's result is invalid: " + summary(problems),
              Failure.Kind.INVALID_RESULT.wireName() + " " + codes(problems));
        } else {
          PlanMemo plan = new PlanMemo();
          if (key != null) {
            cache.put(key, new StoredAnswer(answer.decisionId(), rules, ticker.getAsLong(), plan));
          }
          return new Consulted(new OpaConsultation(set.id(), version, answer.decisionId(), false, false, null), rules,
              plan, null);
        }
      } else {
        failure = (Failure) outcome;
      }
    }
    if (stored != null && failure.kind().staleAllowed() && ticker.getAsLong() - stored.fetchedAt() <= stalenessNanos) {
      staleAnswers.increment();
      return new Consulted(new OpaConsultation(set.id(), version, stored.decisionId(), true, true, null),
          stored.rules(), stored.plan(), null);
    }
    return new Consulted(new OpaConsultation(set.id(), version, answeredId, false, false, failure.summary()),
        List.of(), null, failure.cause());
  }

  /** The answer's rules: read, validated and compiled as rules written in the bundle are. */
  private List<CompiledRule> rules(OpaClient.Answer answer, PolicySetVersion set, DataProduct product,
      ProblemSink problems) {
    String file = "OPA result";
    List<String> columnNames = new ArrayList<>(product.columns().size());
    for (io.meshgov.api.Column column : product.columns()) {
      columnNames.add(column.name());
    }
    List<RawRule> raws = new OpaResultParser(new NodeReader(file, problems), columnNames).rules(answer.result());
    if (problems.hasErrors()) {
      return List.of();
    }
    List<Rule> rules = OpaAnswerValidator.validate(raws, set, product, file, problems, checked);
    if (problems.hasErrors()) {
      return List.of();
    }
    return compiler.compileContributions(rules, set);
  }

  /** The first errors, each {@code line:column: message [code]}, positions in OPA's response body. */
  private static String summary(ProblemSink problems) {
    List<String> errors = new ArrayList<>();
    int count = 0;
    for (Problem problem : problems.problems()) {
      if (!problem.isError()) {
        continue;
      }
      if (++count <= 3) {
        errors.add(problem.line() + ":" + problem.column() + ": " + problem.message() + " [" + problem.code() + "]"
            + (problem.help() == null ? "" : " (" + problem.help() + ")"));
      }
    }
    return String.join("; ", errors) + (count > 3 ? "; and " + (count - 3) + " more" : "");
  }

  /** The distinct problem codes, a fixed vocabulary: {@code unknown-column,cel-type}. */
  private static String codes(ProblemSink problems) {
    java.util.Set<String> codes = new java.util.LinkedHashSet<>();
    for (Problem problem : problems.problems()) {
      if (problem.isError()) {
        codes.add(problem.code());
      }
    }
    return String.join(",", codes);
  }

  private static Reason denial(PolicySetVersion set, String cause) {
    return new Reason(reference(set), Effect.DENY, denialMessage(set, cause));
  }

  private static String denialMessage(PolicySetVersion set, String cause) {
    return "OPA-backed policy set " + set.id() + "@" + set.version().text() + " (data path " + set.opa().path()
        + ") gave no usable answer, so the request is denied (fail closed): " + cause;
  }

  /** The name of an OPA-backed set's own verdicts: {@code <set>/opa}. */
  private static RuleReference reference(PolicySetVersion set) {
    return RuleReference.of(set.id(), OpaResultParser.DEFAULT_RULE, set.version().text());
  }

  private static TraceEntry traceEntry(PolicySetVersion set, Consulted consulted) {
    OpaConsultation consultation = consulted.consultation;
    if (consultation.failed()) {
      return new TraceEntry(reference(set), "opa", null, true, denialMessage(set, consulted.cause));
    }
    String source = consultation.stale() ? "a stale answer from the cache (OPA could not be reached)"
        : consultation.cached() ? "an answer from the cache" : "OPA's answer";
    String id = consultation.decisionId() == null ? "" : " (decision_id " + consultation.decisionId() + ")";
    return new TraceEntry(reference(set), "opa", null, !consulted.rules.isEmpty(),
        source + id + " contributed " + consulted.rules.size() + (consulted.rules.size() == 1 ? " rule" : " rules")
            + (consulted.rules.isEmpty() ? " (an undefined or empty result)" : "; each is traced below"));
  }

  public OpaStatistics statistics() {
    return new OpaStatistics(hits.sum(), misses.sum(), client.attempts(), failures.sum(), staleAnswers.sum(),
        breaker.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  @Override
  public void close() {
    batchExecutor.shutdownNow();
    client.close();
  }
}
