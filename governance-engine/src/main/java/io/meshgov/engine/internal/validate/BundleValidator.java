package io.meshgov.engine.internal.validate;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import io.meshgov.api.Action;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Problem;
import io.meshgov.api.RetentionAction;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import io.meshgov.engine.internal.load.RawBundle;
import io.meshgov.engine.internal.load.RawDocuments.RawColumn;
import io.meshgov.engine.internal.load.RawDocuments.RawMask;
import io.meshgov.engine.internal.load.RawDocuments.RawMatch;
import io.meshgov.engine.internal.load.RawDocuments.RawOpa;
import io.meshgov.engine.internal.load.RawDocuments.RawPolicySet;
import io.meshgov.engine.internal.load.RawDocuments.RawProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawRetention;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode.ScalarKind;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.problem.Suggestions;
import io.meshgov.engine.mask.Masks;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Stage 2: checks a raw bundle against SPEC §1–§3 and builds the typed model. Reports every
 * problem; the result holds a bundle only when there is no error. Thread-safe; its only state is
 * the engine's {@link FiltersChecked}, which it shares.
 */
public final class BundleValidator {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** Slash-separated Rego package or rule names, as OPA's Data API takes them after /v1/data/. */
  private static final Pattern OPA_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Set<String> CEL_RESERVED = Set.of("in", "as", "break", "const", "continue", "else",
      "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void",
      "while", "true", "false", "null");

  private final FiltersChecked checked;

  /** {@code checked}: the engine's memory of filters that type-checked, which a reload reuses. */
  public BundleValidator(FiltersChecked checked) {
    this.checked = checked;
  }

  public ValidationResult validate(RawBundle raw) {
    ProblemSink problems = new ProblemSink();
    problems.addAll(raw.problems());
    String name = bundleName(raw, problems);
    Map<String, DataProduct> catalog = products(raw.products(), problems);
    List<PolicySetVersion> sets = new ArrayList<>();
    for (RawPolicySet rawSet : raw.policySets()) {
      PolicySetVersion set = new PolicySetReader(rawSet, catalog, problems, raw.sources().get(rawSet.file()),
          checked).read();
      if (set != null) {
        sets.add(set);
      }
    }
    checkVersions(sets, problems);
    checkTestLocations(raw, problems);
    if (problems.hasErrors()) {
      return new ValidationResult(sorted(problems), null);
    }
    // PolicyTest files are checked against the valid catalog only, and their problems follow the
    // policies' own: a test is read as a user reads it, after the bundle it tests
    List<Problem> all = sorted(problems);
    List<Problem> testProblems = PolicyTestValidator.check(catalog, raw.tests());
    all.addAll(testProblems);
    for (Problem problem : testProblems) {
      if (problem.isError()) {
        return new ValidationResult(all, null);
      }
    }
    String revision = raw.meta() != null && raw.meta().revision() != null ? raw.meta().revision().text() : null;
    BundleInfo info = new BundleInfo(name, revision, raw.digest());
    return new ValidationResult(all, new ValidatedBundle(info, catalog, sets, raw.tests()));
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

  // ---------------------------------------------------------------- products

  private static Map<String, DataProduct> products(List<RawProduct> raws, ProblemSink problems) {
    Map<String, DataProduct> catalog = new TreeMap<>();
    Map<String, String> files = new HashMap<>();
    for (RawProduct raw : raws) {
      DataProduct product = product(raw, problems, true);
      if (product == null) {
        continue;
      }
      String first = files.putIfAbsent(product.id(), raw.file());
      if (first != null) {
        problems.error("duplicate-id", raw.file(), raw.id().position(),
            "data product '" + product.id() + "' is already defined in " + first, "give each product its own id");
        continue;
      }
      catalog.put(product.id(), product);
    }
    return catalog;
  }

  /** Checks a product given inline in a request, where no file location applies. */
  public static @Nullable DataProduct inlineProduct(RawProduct raw, ProblemSink problems) {
    return product(raw, problems, false);
  }

  private static @Nullable DataProduct product(RawProduct raw, ProblemSink problems, boolean inBundle) {
    String file = raw.file();
    boolean ok = true;
    String[] parts = inBundle ? file.split("/") : new String[0];
    if (inBundle && (parts.length < 3 || !parts[0].equals("products"))) {
      problems.error("misplaced-file", file, raw.position(),
          "a DataProduct must live under products/<domain>/", "move it to products/<domain>/<name>.yaml");
      ok = false;
    }
    String domain = raw.domain() == null ? null : raw.domain().text();
    if (raw.domain() != null && !NAME.matcher(domain).matches()) {
      problems.error("invalid-name", file, raw.domain().position(), "domain '" + domain + "' is not a lower_snake name",
          "use lower case letters, digits and underscores, starting with a letter");
      ok = false;
    } else if (raw.domain() != null && parts.length >= 3 && parts[0].equals("products") && !parts[1].equals(domain)) {
      problems.error("scope-mismatch", file, raw.domain().position(),
          "product of domain '" + domain + "' is in the folder of domain '" + parts[1] + "'",
          "move the file to products/" + domain + "/ or set domain: " + parts[1]);
      ok = false;
    }
    String id = raw.id() == null ? null : raw.id().text();
    if (raw.id() != null && domain != null) {
      int dot = id.indexOf('.');
      if (dot < 0 || !id.substring(0, dot).equals(domain) || !NAME.matcher(id.substring(dot + 1)).matches()) {
        problems.error("invalid-product-id", file, raw.id().position(),
            "product id '" + id + "' must be '" + domain + ".<name>' with a lower_snake name",
            "write id: " + domain + "." + (dot < 0 ? id : id.substring(dot + 1)).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        ok = false;
      } else if (parts.length >= 3) {
        String base = parts[parts.length - 1].replaceFirst("\\.(ya?ml|json)$", "");
        if (!base.equals(id.substring(dot + 1))) {
          problems.warning("file-name", file, raw.id().position(),
              "product '" + id + "' is in a file named '" + parts[parts.length - 1] + "'",
              "name the file " + id.substring(dot + 1) + ".yaml");
        }
      }
    }
    if (raw.version() != null && Semver.parse(raw.version().text()).isEmpty()) {
      badSemver(file, raw.version(), problems);
      ok = false;
    }
    Classification classification = null;
    if (raw.classification() != null) {
      classification = Classification.fromWireName(raw.classification().text()).orElse(null);
      if (classification == null) {
        unknownValue(file, raw.classification(), "classification", names(Classification.values()), problems);
        ok = false;
      }
    }
    ok &= checkTags(file, raw.tags(), problems);
    List<Column> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RawColumn rawColumn : raw.columns()) {
      if (rawColumn.name() == null || rawColumn.type() == null) {
        ok = false;
        continue;
      }
      String columnName = rawColumn.name().text();
      if (!isColumnName(columnName)) {
        problems.error("invalid-name", file, rawColumn.name().position(),
            "column name '" + columnName + "' is not an identifier",
            "use letters, digits and underscores, starting with a letter (not a CEL reserved word)");
        ok = false;
      } else if (!seen.add(columnName)) {
        problems.error("duplicate-column", file, rawColumn.name().position(),
            "column '" + columnName + "' is declared twice", "remove one of the two");
        ok = false;
      }
      ColumnType type = ColumnType.fromWireName(rawColumn.type().text()).orElse(null);
      if (type == null) {
        unknownValue(file, rawColumn.type(), "column type", names(ColumnType.values()), problems);
        ok = false;
      }
      ok &= checkTags(file, rawColumn.tags(), problems);
      if (ok && type != null) {
        columns.add(new Column(columnName, type, texts(rawColumn.tags())));
      }
    }
    if (raw.columns().isEmpty() && raw.columnsListed() && ok) {
      problems.error("no-columns", file, raw.position(), "the product has no columns", "list its columns");
      ok = false;
    }
    if (!ok || id == null || domain == null || raw.owner() == null || raw.version() == null || classification == null) {
      return null;
    }
    return new DataProduct(id, domain, raw.owner().text(), raw.version().text(), classification, texts(raw.tags()),
        columns);
  }

  /** A column name is a CEL identifier, since filters name columns bare. */
  static boolean isColumnName(String name) {
    return COLUMN_NAME.matcher(name).matches() && !CEL_RESERVED.contains(name);
  }

  static boolean checkTags(String file, List<Scalar> tags, ProblemSink problems) {
    boolean ok = true;
    for (Scalar tag : tags) {
      if (!TAG.matcher(tag.text()).matches()) {
        problems.error("invalid-tag", file, tag.position(), "tag '" + tag.text() + "' is not a dotted name",
            "write tags like pii.email: names separated by single dots");
        ok = false;
      }
    }
    return ok;
  }

  // ---------------------------------------------------------------- versions

  private static void checkVersions(List<PolicySetVersion> sets, ProblemSink problems) {
    Map<String, List<PolicySetVersion>> byId = new LinkedHashMap<>();
    for (PolicySetVersion set : sets) {
      byId.computeIfAbsent(set.id(), id -> new ArrayList<>()).add(set);
    }
    for (List<PolicySetVersion> versions : byId.values()) {
      for (int i = 0; i < versions.size(); i++) {
        for (int j = 0; j < i; j++) {
          PolicySetVersion a = versions.get(j);
          PolicySetVersion b = versions.get(i);
          Position at = b.position();
          if (!a.scope().equals(b.scope())) {
            problems.error("scope-conflict", b.file(), at,
                "policy set '" + b.id() + "' has scope " + b.scope() + " here but " + a.scope() + " in " + a.file(),
                "give every version of a policy set the same scope, or use another id");
          } else if (a.version().compareTo(b.version()) == 0) {
            problems.error("duplicate-id", b.file(), at,
                "policy set '" + b.id() + "' version " + b.version() + " is already defined in " + a.file(),
                "bump the version of the changed copy");
          } else if (overlap(a, b) && !supersedes(a, b) && !supersedes(b, a)) {
            problems.error("overlapping-versions", b.file(), at,
                "versions " + a.version() + " (" + a.file() + ") and " + b.version() + " of policy set '" + b.id()
                    + "' are both in force " + overlapStart(a, b),
                "set effective.until of version " + (a.version().compareTo(b.version()) < 0 ? a.version() : b.version())
                    + " to the effective.from of version "
                    + (a.version().compareTo(b.version()) < 0 ? b.version() : a.version()));
          }
        }
      }
    }
  }

  /**
   * Whether {@code newer} takes over from an open-ended {@code older}: a higher version that starts
   * later. That is how versions are meant to sit side by side ("different effective.from"); from
   * its start the highest version in force wins, so the two are never in force together.
   */
  static boolean supersedes(PolicySetVersion newer, PolicySetVersion older) {
    return newer.version().compareTo(older.version()) > 0
        && older.until() == null
        && newer.from() != null
        && (older.from() == null || older.from().isBefore(newer.from()));
  }

  private static boolean overlap(PolicySetVersion a, PolicySetVersion b) {
    Instant start = latest(a.from(), b.from());
    Instant endA = a.until();
    Instant endB = b.until();
    Instant end = endA == null ? endB : endB == null ? endA : (endA.isBefore(endB) ? endA : endB);
    return end == null || start == null || start.isBefore(end);
  }

  private static String overlapStart(PolicySetVersion a, PolicySetVersion b) {
    Instant start = latest(a.from(), b.from());
    return start == null ? "from the beginning of time" : "from " + start;
  }

  private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }

  // ---------------------------------------------------------------- helpers

  static void badSemver(String file, Scalar version, ProblemSink problems) {
    problems.error("invalid-semver", file, version.position(),
        "version '" + version.text() + "' is not a semantic version", "write MAJOR.MINOR.PATCH, e.g. 1.0.0");
  }

  static void unknownValue(String file, Scalar value, String what, List<String> allowed, ProblemSink problems) {
    String suggestion = Suggestions.closest(value.text(), allowed);
    problems.error("unknown-" + what.replace(' ', '-'), file, value.position(),
        "unknown " + what + " '" + value.text() + "'",
        suggestion != null ? "did you mean '" + suggestion + "'?" : "use one of " + String.join(", ", allowed));
  }

  static List<String> names(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> value : values) {
      names.add(value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    return names;
  }

  static List<Scalar> orEmpty(@Nullable List<Scalar> scalars) {
    return scalars == null ? List.of() : scalars;
  }

  static @Nullable Set<String> textSet(@Nullable List<Scalar> scalars) {
    return scalars == null ? null : Set.copyOf(texts(scalars));
  }

  static List<String> texts(List<Scalar> scalars) {
    List<String> texts = new ArrayList<>();
    for (Scalar scalar : scalars) {
      texts.add(scalar.text());
    }
    return texts;
  }

  // ---------------------------------------------------------------- policy sets

  /** Reads and checks one policy set version. */
  private static final class PolicySetReader {
    private final RawPolicySet raw;
    private final Map<String, DataProduct> catalog;
    private final ProblemSink problems;
    private final String file;
    private final @Nullable String fileText;
    private final FiltersChecked checked;
    private @Nullable Scope scope;

    PolicySetReader(RawPolicySet raw, Map<String, DataProduct> catalog, ProblemSink problems,
        @Nullable String fileText, FiltersChecked checked) {
      this.raw = raw;
      this.fileText = fileText;
      this.catalog = catalog;
      this.problems = problems;
      this.file = raw.file();
      this.checked = checked;
    }

    @Nullable PolicySetVersion read() {
      int errorsBefore = problems.errorCount();
      scope = scope();
      Semver version = null;
      if (raw.version() != null) {
        version = Semver.parse(raw.version().text()).orElse(null);
        if (version == null) {
          badSemver(file, raw.version(), problems);
        }
      }
      if (raw.id() != null && raw.id().text().isBlank()) {
        problems.error("invalid-name", file, raw.id().position(), "the policy set id is empty", "give it an id");
      }
      Instant from = instant(raw.effectiveFrom());
      Instant until = instant(raw.effectiveUntil());
      if (from != null && until != null && !from.isBefore(until)) {
        problems.error("empty-window", file, raw.effectiveUntil().position(),
            "effective.until " + until + " is not after effective.from " + from,
            "set until after from, or remove it");
      }
      RuleReader rules = new RuleReader(file, fileText, catalog, scope, problems, checked);
      List<Rule> validRules = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (RawRule rawRule : raw.rules()) {
        if (rawRule.id() != null && !ids.add(rawRule.id().text())) {
          problems.error("duplicate-id", file, rawRule.id().position(),
              "rule id '" + rawRule.id().text() + "' is used twice in this policy set", "give each rule its own id");
          continue;
        }
        Rule rule = rules.rule(rawRule);
        if (rule != null) {
          validRules.add(rule);
        }
      }
      OpaBinding opa = raw.opa() == null ? null : opa(raw.opa(), rules);
      if (problems.errorCount() > errorsBefore || raw.id() == null || version == null || scope == null) {
        return null;
      }
      return new PolicySetVersion(raw.id().text(), version, scope,
          raw.owner() == null ? null : raw.owner().text(),
          raw.description() == null ? null : raw.description().text(), from, until, validRules, opa, file,
          raw.effectivePosition());
    }

    private @Nullable OpaBinding opa(RawOpa raw, RuleReader rules) {
      Match match = rules.match(raw.match());
      Scalar path = raw.path();
      if (path == null) {
        return null;
      }
      if (!OPA_PATH.matcher(path.text()).matches()) {
        problems.error("opa-path", file, path.position(), "OPA path '" + path.text() + "' is not a data path",
            "write the package path with slashes and no leading slash, e.g. meshgov/finance/fraud");
        return null;
      }
      return match == null ? null : new OpaBinding(path.text(), match, raw.position());
    }

    private @Nullable Scope scope() {
      String[] parts = file.split("/");
      Scalar scopeText = raw.scope();
      if (parts.length >= 2 && parts[0].equals("global")) {
        if (scopeText != null && !scopeText.text().equals("global")) {
          problems.error("scope-mismatch", file, scopeText.position(),
              "a policy set under global/ must declare scope: global, not '" + scopeText.text() + "'",
              "write scope: global, or move the file to domains/<domain>/");
          return null;
        }
        return scopeText == null ? null : Scope.GLOBAL;
      }
      if (parts.length >= 3 && parts[0].equals("domains")) {
        String domain = parts[1];
        if (scopeText != null && !scopeText.text().equals("domain:" + domain)) {
          problems.error("scope-mismatch", file, scopeText.position(),
              "a policy set under domains/" + domain + "/ must declare scope: domain:" + domain + ", not '"
                  + scopeText.text() + "'",
              "write scope: domain:" + domain + ", or move the file to the folder of its scope");
          return null;
        }
        if (!NAME.matcher(domain).matches()) {
          problems.error("invalid-name", file, Position.UNKNOWN, "domain folder '" + domain + "' is not a lower_snake name",
              "rename the folder");
          return null;
        }
        return scopeText == null ? null : new Scope(domain);
      }
      problems.error("misplaced-file", file, raw.position(),
          "a PolicySet must live under global/ or domains/<domain>/",
          "move it to global/ (scope: global) or domains/<domain>/ (scope: domain:<domain>)");
      return null;
    }

    private @Nullable Instant instant(@Nullable Scalar scalar) {
      if (scalar == null) {
        return null;
      }
      Optional<Instant> instant = Instants.parse(scalar.text());
      if (instant.isEmpty()) {
        problems.error("invalid-date", file, scalar.position(),
            "'" + scalar.text() + "' is not a date or timestamp",
            "write a date like 2026-01-01 or a timestamp like 2026-01-01T00:00:00Z");
        return null;
      }
      return instant.get();
    }

  }
}
