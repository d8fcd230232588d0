package io.meshgov.engine.internal.validate;

import io.meshgov.api.BundleInfo;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Problem;
import io.meshgov.api.Vocabulary;
import io.meshgov.engine.internal.load.RawBundle;
import io.meshgov.engine.internal.load.RawDocuments.RawPolicySet;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 2: checks a raw bundle and builds the typed model: the bundle file, the catalog ({@link
 * ProductValidator}), each policy set ({@link PolicySetReader}, {@link RuleReader}), their versions
 * ({@link VersionChecks}) and the PolicyTest cases ({@link PolicyTestValidator}). Reports every
 * problem; the result holds a bundle only when there is no error. Thread-safe; its only state is
 * the engine's {@link FiltersChecked}, which it shares.
 */
public final class BundleValidator {
  private final FiltersChecked checked;

  /** {@code checked}: the engine's memory of filters that type-checked, which a reload reuses. */
  public BundleValidator(FiltersChecked checked) {
    this.checked = checked;
  }

  public ValidationResult validate(RawBundle raw) {
    ProblemSink problems = new ProblemSink();
    problems.addAll(raw.problems());
    String name = bundleName(raw, problems);
    Vocabulary vocabulary = VocabularyReader.read(raw.meta(), problems);
    Map<String, DataProduct> catalog = ProductValidator.products(raw.products(), problems);
    KnownNames names = new KnownNames(vocabulary, catalog, catalogComplete(raw, catalog, problems));
    VocabularyReader.checkCatalogTags(raw.products(), names, problems);
    List<PolicySetVersion> sets = new ArrayList<>();
    for (RawPolicySet rawSet : raw.policySets()) {
      PolicySetVersion set = new PolicySetReader(rawSet, catalog, problems, raw.sources().get(rawSet.file()),
          checked, names).read();
      if (set != null) {
        sets.add(set);
      }
    }
    VersionChecks.checkVersions(sets, problems);
    checkTestLocations(raw, problems);
    if (problems.hasErrors()) {
      return new ValidationResult(sorted(problems), null);
    }
    // PolicyTest files are checked against the valid catalog only, and their problems follow the
    // policies' own: a test is read as a user reads it, after the bundle it tests
    List<Problem> all = sorted(problems);
    List<Problem> testProblems = PolicyTestValidator.check(catalog, vocabulary, raw.tests());
    all.addAll(testProblems);
    for (Problem problem : testProblems) {
      if (problem.isError()) {
        return new ValidationResult(all, null);
      }
    }
    String revision = raw.meta() != null && raw.meta().revision() != null ? raw.meta().revision().text() : null;
    BundleInfo info = new BundleInfo(name, revision, raw.digest());
    return new ValidationResult(all, new ValidatedBundle(info, vocabulary, catalog, sets, raw.tests()));
  }

  /**
   * Whether every product file made it into the catalog. When one did not (a YAML error, say), the
   * tags and columns it carries are unknown, and checking rules against the rest would bury the one
   * real error under errors that are not.
   */
  private static boolean catalogComplete(RawBundle raw, Map<String, DataProduct> catalog, ProblemSink problems) {
    if (raw.products().size() != catalog.size()) {
      return false;
    }
    for (Problem problem : problems.problems()) {
      if (problem.isError() && problem.file().startsWith("products/")) {
        return false;
      }
    }
    return true;
  }

  private static List<io.meshgov.api.Problem> sorted(ProblemSink problems) {
    List<io.meshgov.api.Problem> list = new ArrayList<>(problems.problems());
    list.sort(ProblemSink.BY_POSITION);
    return list;
  }

  private static String bundleName(RawBundle raw, ProblemSink problems) {
    if (raw.meta() == null) {
      boolean reported = false;
      for (io.meshgov.api.Problem problem : raw.problems()) {
        if (problem.file().startsWith("bundle.")) {
          reported = true;
        }
      }
      // a bundle that could not be listed at all has already said why
      boolean unlisted = raw.problems().stream()
          .anyMatch(p -> p.code().equals("bundle-not-found") || p.code().equals("io-error") || p.code().equals("limit-files"));
      if (!reported && !unlisted) {
        problems.error("missing-bundle-file", "bundle.yaml", Position.FILE, "the bundle has no bundle.yaml",
            "add bundle.yaml with apiVersion: meshgov/v1, kind: Bundle and metadata: {name: …}");
      }
      return "";
    }
    String file = raw.meta().file();
    if (!file.equals("bundle.yaml") && !file.equals("bundle.yml") && !file.equals("bundle.json")) {
      problems.error("misplaced-file", file, raw.meta().position(),
          "the Bundle document must be bundle.yaml at the bundle root", "move it to bundle.yaml");
    }
    return raw.meta().name() == null ? "" : raw.meta().name().text();
  }

  private static void checkTestLocations(RawBundle raw, ProblemSink problems) {
    for (io.meshgov.engine.internal.load.RawDocuments.RawTestSuite suite : raw.tests()) {
      if (!suite.file().startsWith("tests/")) {
        problems.error("misplaced-file", suite.file(), suite.position(), "a PolicyTest must live under tests/",
            "move it to tests/");
      }
    }
  }
}
