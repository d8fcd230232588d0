package io.meshgov.cli;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Decision;
import io.meshgov.api.RequestException;
import io.meshgov.api.Subject;
import io.meshgov.api.SubjectEntry;
import io.meshgov.cli.ImpactChange.Direction;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.RequestReader;
import io.meshgov.engine.subjects.SubjectDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "impact", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Decide a corpus of requests under a base bundle and a proposed one, and report every difference "
        + "in data terms: access, columns, row filters, retention, each loosened or tightened, with the rules "
        + "responsible on each side.",
        "The corpus: every subject of --subjects x every product of either bundle x read and export x every "
            + "declared purpose and none; the requests of --requests; every PolicyTest case of both bundles.",
        "Exit 0; 4 with --fail-on loosened when something loosened; 2 for a bad bundle, subjects file or request."})
final class ImpactCommand implements Callable<Integer> {
  static final int LOOSENED = 4;

  @Option(names = "--base", required = true, paramLabel = "DIR",
      description = "The bundle as it is (e.g. the main branch's, checked out with git worktree).")
  Path base;

  @Mixin BundleOption bundle;

  @Option(names = "--subjects", paramLabel = "FILE", description = "The subjects file (a SubjectDirectory).")
  Path subjects;

  @Option(names = "--requests", paramLabel = "FILE", description = "More requests (a JSON object or array) to compare.")
  Path requests;

  @Option(names = "--at", paramLabel = "TIME",
      description = "The instant both bundles decide at (a timestamp or a date); default: now.")
  String at;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json or markdown (ready to paste into a pull request).")
  String format;

  @Option(names = "--fail-on", paramLabel = "CLASS",
      description = "loosened: exit 4 when anything loosened, so a CI can ask for a second approval.")
  String failOn;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!List.of("text", "json", "markdown").contains(format)) {
      return usage(err, "unknown format '" + format + "'; use text, json or markdown");
    }
    if (failOn != null && !failOn.equals("loosened")) {
      return usage(err, "--fail-on takes 'loosened', not '" + failOn + "'");
    }
    Instant instant;
    try {
      instant = at == null ? Instant.now() : InstantConverter.parse(at);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    InstantSource clock = InstantSource.fixed(instant);
    try (GovernanceEngine old = GovernanceEngine.builder().bundle(base).clock(clock).build();
        GovernanceEngine proposed = GovernanceEngine.builder().bundle(bundle.directory()).clock(clock).build()) {
      List<Subject> people = new ArrayList<>();
      if (subjects != null) {
        for (SubjectEntry entry : SubjectDirectory.load(subjects, proposed.vocabulary()).entries()) {
          people.add(entry.subject());
        }
      }
      ImpactCorpus corpus = new ImpactCorpus(people, old, proposed);
      List<RequestReader.Item> oldItems = List.of();
      List<RequestReader.Item> newItems = List.of();
      if (requests != null) {
        oldItems = RequestFile.read(requests.toString(), old, System.in).items();
        newItems = RequestFile.read(requests.toString(), proposed, System.in).items();
      }
      String corpusText = corpus.subjectCount() + " subjects x " + corpus.products().size() + " products x 2 actions x "
          + corpus.purposeCount() + " purposes, " + oldItems.size() + " requests, " + corpus.testCount() + " test cases";
      long total = (long) corpus.subjectCount() * corpus.products().size() * 2 * corpus.purposeCount()
          + oldItems.size() + corpus.testCount();
      ImpactReport report = new ImpactReport(new ImpactReport.Header(base.toString(), old.bundle().digest(),
          bundle.directory().toString(), proposed.bundle().digest(), instant.toString(), corpusText, total,
          corpus.purposeCount()));
      products(corpus, old, proposed, report);
      // products are independent and the engines thread-safe: the corpus is decided on every core
      corpus.products().parallelStream().forEach(product ->
          corpus.forEachGenerated(product, instant, item -> compare(item, old, proposed, report)));
      for (int i = 0; i < oldItems.size(); i++) {
        compare(requests + "#" + (i + 1), oldItems.get(i), newItems.get(i), old, proposed, report);
      }
      corpus.forEachTest(item -> compare(item, old, proposed, report));
      switch (format) {
        case "json":
          report.writeJson(out);
          break;
        case "markdown":
          report.writeMarkdown(out);
          break;
        default:
          report.writeText(out);
      }
      boolean loosened = report.count(Direction.LOOSENED) > 0;
      return failOn != null && loosened ? LOOSENED : GovernanceCli.OK;
    }
  }

  /** A product only one bundle has. */
  private static void products(ImpactCorpus corpus, GovernanceEngine old, GovernanceEngine proposed,
      ImpactReport report) {
    for (String product : corpus.products()) {
      boolean before = old.catalog().containsKey(product);
      boolean after = proposed.catalog().containsKey(product);
      if (before != after) {
        report.add(new ImpactChange(product, "(every subject)", ImpactChange.Kind.PRODUCT, null,
            before ? "in the catalog" : "absent", after ? "in the catalog" : "absent",
            after ? Direction.LOOSENED : Direction.TIGHTENED, List.of(), List.of()), "the catalog");
      }
    }
  }

  private final java.util.Map<ImpactChange, ImpactChange> traced = new java.util.concurrent.ConcurrentHashMap<>();

  private void compare(ImpactCorpus.Item item, GovernanceEngine old, GovernanceEngine proposed, ImpactReport report) {
    AccessRequest request = item.request();
    report(request, outcome(old, request), outcome(proposed, request), item.context(), old, proposed, report);
  }

  /** Every difference of one request, each with the rules responsible on both sides. */
  private void report(AccessRequest request, ImpactComparison.Outcome before, ImpactComparison.Outcome after,
      String context, GovernanceEngine old, GovernanceEngine proposed, ImpactReport report) {
    for (ImpactChange change : ImpactComparison.compare(request.productId(), request.subject().id(), before, after)) {
      report.add(responsible(change, request, old, proposed), context);
    }
  }

  /**
   * A column or filter a rule decided on one side only: on the other side, the same rule (any
   * version) as that bundle's trace tells it, e.g. {@code global.pii-protection/mask-email@1.3.0
   * skipped: 'unless' is true}, or that the bundle has no such rule.
   */
  private ImpactChange responsible(ImpactChange change, AccessRequest request, GovernanceEngine old,
      GovernanceEngine proposed) {
    if (change.kind() != ImpactChange.Kind.COLUMN && change.kind() != ImpactChange.Kind.ROW_FILTER) {
      return change;
    }
    // one trace per distinct change: the same change in other requests is the same rule's doing
    return traced.computeIfAbsent(change, key -> withTracedRules(key, request, old, proposed));
  }

  private static ImpactChange withTracedRules(ImpactChange change, AccessRequest request, GovernanceEngine old,
      GovernanceEngine proposed) {
    if (change.newRules().isEmpty() && !change.baseRules().isEmpty()) {
      return new ImpactChange(change.product(), change.subject(), change.kind(), change.column(), change.before(),
          change.after(), change.direction(), change.baseRules(), traced(proposed, request, change));
    }
    if (change.baseRules().isEmpty() && !change.newRules().isEmpty()) {
      return new ImpactChange(change.product(), change.subject(), change.kind(), change.column(), change.before(),
          change.after(), change.direction(), traced(old, request, change), change.newRules());
    }
    return change;
  }

  private static List<String> traced(GovernanceEngine engine, AccessRequest request, ImpactChange change) {
    String known = change.baseRules().isEmpty() ? change.newRules().get(0) : change.baseRules().get(0);
    String id = known.contains("@") ? known.substring(0, known.indexOf('@')) : known;
    try {
      // the impact engines audit nothing, so explaining reads no data either
      for (io.meshgov.api.TraceEntry entry : engine.explain(request).trace()) {
        if (entry.rule().id().equals(id) && (entry.column() == null || entry.column().equals(change.column()))) {
          return List.of(entry.rule() + " " + entry.status().wireName().replace('-', ' ') + ": " + entry.why());
        }
      }
    } catch (RequestException e) {
      return List.of(id + ": the request is refused (" + e.problems().get(0).message() + ")");
    }
    return List.of(id + " is not in this bundle");
  }

  private void compare(String context, RequestReader.Item oldItem, RequestReader.Item newItem,
      GovernanceEngine old, GovernanceEngine proposed, ImpactReport report) {
    AccessRequest request = newItem.request() != null ? newItem.request() : oldItem.request();
    if (request == null) {
      return;
    }
    ImpactComparison.Outcome before = oldItem.request() == null
        ? ImpactComparison.Outcome.refused(oldItem.problems().get(0).message()) : outcome(old, oldItem.request());
    ImpactComparison.Outcome after = newItem.request() == null
        ? ImpactComparison.Outcome.refused(newItem.problems().get(0).message()) : outcome(proposed, newItem.request());
    report(request, before, after, "request " + context, old, proposed, report);
  }

  /** A simulated decision (impact reads no data: nothing is audited), or why the bundle refuses the request. */
  private static ImpactComparison.Outcome outcome(GovernanceEngine engine, AccessRequest request) {
    try {
      Decision decision = engine.simulate(request);
      return ImpactComparison.Outcome.of(decision);
    } catch (RequestException e) {
      return ImpactComparison.Outcome.refused(e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message());
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println("error: " + message);
    err.flush();
    return GovernanceCli.BAD_INPUT;
  }
}
