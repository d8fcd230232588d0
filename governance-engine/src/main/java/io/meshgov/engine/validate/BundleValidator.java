package io.meshgov.engine.validate;

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
import io.meshgov.api.RetentionAction;
import io.meshgov.engine.cel.ConditionEnvironment;
import io.meshgov.engine.load.Position;
import io.meshgov.engine.load.ProblemSink;
import io.meshgov.engine.load.RawBundle;
import io.meshgov.engine.load.RawDocuments.RawColumn;
import io.meshgov.engine.load.RawDocuments.RawMask;
import io.meshgov.engine.load.RawDocuments.RawMatch;
import io.meshgov.engine.load.RawDocuments.RawPolicySet;
import io.meshgov.engine.load.RawDocuments.RawProduct;
import io.meshgov.engine.load.RawDocuments.RawRetention;
import io.meshgov.engine.load.RawDocuments.RawRule;
import io.meshgov.engine.load.SourceNode.Scalar;
import io.meshgov.engine.load.SourceNode.ScalarKind;
import io.meshgov.engine.load.Suggestions;
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
 * problem; the result holds a bundle only when there is no error. Thread-safe (stateless).
 */
public final class BundleValidator {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Set<String> CEL_RESERVED = Set.of("in", "as", "break", "const", "continue", "else",
      "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void",
      "while", "true", "false", "null");

  public ValidationResult validate(RawBundle raw) {
    ProblemSink problems = new ProblemSink();
    problems.addAll(raw.problems());
    String name = bundleName(raw, problems);
    Map<String, DataProduct> catalog = products(raw.products(), problems);
    List<PolicySetVersion> sets = new ArrayList<>();
    for (RawPolicySet rawSet : raw.policySets()) {
      PolicySetVersion set = new PolicySetReader(rawSet, catalog, problems, raw.sources().get(rawSet.file())).read();
      if (set != null) {
        sets.add(set);
      }
    }
    checkVersions(sets, problems);
    checkTestLocations(raw, problems);
    if (problems.hasErrors()) {
      return new ValidationResult(sorted(problems), null);
    }
    String revision = raw.meta() != null && raw.meta().revision() != null ? raw.meta().revision().text() : null;
    BundleInfo info = new BundleInfo(name, revision, raw.digest());
    return new ValidationResult(sorted(problems), new ValidatedBundle(info, catalog, sets, raw.tests()));
  }

  private static List<io.meshgov.api.Problem> sorted(ProblemSink problems) {
    List<io.meshgov.api.Problem> list = new ArrayList<>(problems.problems());
    list.sort(java.util.Comparator.comparing(io.meshgov.api.Problem::file)
        .thenComparingInt(io.meshgov.api.Problem::line)
        .thenComparingInt(io.meshgov.api.Problem::column));
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
    for (io.meshgov.engine.load.RawDocuments.RawTestSuite suite : raw.tests()) {
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

  private static boolean checkTags(String file, List<Scalar> tags, ProblemSink problems) {
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
    private @Nullable Scope scope;

    PolicySetReader(RawPolicySet raw, Map<String, DataProduct> catalog, ProblemSink problems,
        @Nullable String fileText) {
      this.raw = raw;
      this.fileText = fileText;
      this.catalog = catalog;
      this.problems = problems;
      this.file = raw.file();
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
      List<Rule> rules = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (RawRule rawRule : raw.rules()) {
        if (rawRule.id() != null && !ids.add(rawRule.id().text())) {
          problems.error("duplicate-id", file, rawRule.id().position(),
              "rule id '" + rawRule.id().text() + "' is used twice in this policy set", "give each rule its own id");
          continue;
        }
        Rule rule = rule(rawRule);
        if (rule != null) {
          rules.add(rule);
        }
      }
      if (problems.errorCount() > errorsBefore || raw.id() == null || version == null || scope == null) {
        return null;
      }
      return new PolicySetVersion(raw.id().text(), version, scope,
          raw.owner() == null ? null : raw.owner().text(),
          raw.description() == null ? null : raw.description().text(), from, until, rules, file,
          raw.effectivePosition());
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

    private @Nullable Rule rule(RawRule raw) {
      if (raw.id() == null || raw.kind() == null) {
        return null;
      }
      int errorsBefore = problems.errorCount();
      RuleKind kind = RuleKind.fromWireName(raw.kind().text()).orElse(null);
      if (kind == null) {
        unknownValue(file, raw.kind(), "rule kind", names(RuleKind.values()), problems);
        return null;
      }
      Match match = match(raw.match());
      List<DataProduct> products = matchedProducts(match);
      boolean columnLevel = match != null && match.columnLevel();
      // column denies and masks are evaluated per column, so only their conditions may read `column`;
      // row filters and retention apply to the request as a whole, even when matched by column
      boolean perColumn = (kind == RuleKind.ACCESS && columnLevel) || kind == RuleKind.MASK;
      Condition when = condition(raw.when(), perColumn);
      Condition unless = condition(raw.unless(), perColumn);
      Effect effect = null;
      Mask mask = null;
      Filter filter = null;
      Retention retention = null;
      switch (kind) {
        case ACCESS:
          effect = effect(raw, columnLevel);
          break;
        case MASK:
          mask = mask(raw, match, products);
          break;
        case ROW_FILTER:
          filter = filter(raw, products);
          break;
        default:
          retention = retention(raw, products);
      }
      if (problems.errorCount() > errorsBefore || match == null) {
        return null;
      }
      return new Rule(raw.id().text(), kind, raw.description() == null ? null : raw.description().text(), match,
          when, unless, effect, mask, filter, retention, file, raw.position());
    }

    private @Nullable Match match(RawMatch raw) {
      int errorsBefore = problems.errorCount();
      warnEmpty(raw.productIds(), raw.position(), "match.products.ids");
      warnEmpty(raw.productDomains(), raw.position(), "match.products.domains");
      warnEmpty(raw.productClassifications(), raw.position(), "match.products.classifications");
      warnEmpty(raw.productTags(), raw.position(), "match.products.tags");
      warnEmpty(raw.columnNames(), raw.position(), "match.columns.names");
      warnEmpty(raw.columnTags(), raw.position(), "match.columns.tags");
      warnEmpty(raw.actions(), raw.position(), "match.actions");
      EnumSet<Classification> classifications = null;
      if (raw.productClassifications() != null) {
        classifications = EnumSet.noneOf(Classification.class);
        for (Scalar value : raw.productClassifications()) {
          Classification classification = Classification.fromWireName(value.text()).orElse(null);
          if (classification == null) {
            unknownValue(file, value, "classification", names(Classification.values()), problems);
          } else {
            classifications.add(classification);
          }
        }
      }
      // absent actions mean all actions; an empty list means none
      EnumSet<Action> actions = raw.actions() == null ? EnumSet.allOf(Action.class) : EnumSet.noneOf(Action.class);
      for (Scalar value : orEmpty(raw.actions())) {
        Action action = Action.fromWireName(value.text()).orElse(null);
        if (action == null) {
          unknownValue(file, value, "action", names(Action.values()), problems);
        } else {
          actions.add(action);
        }
      }
      checkTags(file, orEmpty(raw.productTags()), problems);
      checkTags(file, orEmpty(raw.columnTags()), problems);
      if (scope != null && !scope.isGlobal()) {
        String domain = scope.domain();
        for (Scalar id : orEmpty(raw.productIds())) {
          DataProduct product = catalog.get(id.text());
          String owner = product != null ? product.domain() : id.text().contains(".") ? id.text().substring(0, id.text().indexOf('.')) : id.text();
          if (!owner.equals(domain)) {
            problems.error("cross-domain", file, id.position(),
                "product '" + id.text() + "' belongs to domain '" + owner + "'; a domain:" + domain
                    + " policy set may only name products of domain '" + domain + "'",
                "move the rule to a policy set of domain '" + owner + "', or ask the governance council for a global rule");
          }
        }
        for (Scalar other : orEmpty(raw.productDomains())) {
          if (!other.text().equals(domain)) {
            problems.error("cross-domain", file, other.position(),
                "a domain:" + domain + " policy set may not target domain '" + other.text() + "'",
                "remove '" + other.text() + "', or ask the governance council for a global rule");
          }
        }
      }
      for (Scalar id : orEmpty(raw.productIds())) {
        if (!catalog.containsKey(id.text()) && problems.errorCount() == errorsBefore) {
          String suggestion = Suggestions.closest(id.text(), catalog.keySet());
          problems.warning("unknown-product", file, id.position(),
              "no product '" + id.text() + "' in the catalog; the rule can only match inline products",
              suggestion != null ? "did you mean '" + suggestion + "'?" : null);
        }
      }
      if (problems.errorCount() > errorsBefore) {
        return null;
      }
      return new Match(textSet(raw.productIds()), textSet(raw.productDomains()), classifications,
          raw.productTags() == null ? null : texts(raw.productTags()), raw.columnLevel(), textSet(raw.columnNames()),
          raw.columnTags() == null ? null : texts(raw.columnTags()), actions);
    }

    private void warnEmpty(@Nullable List<Scalar> list, Position at, String what) {
      if (list != null && list.isEmpty()) {
        problems.warning("empty-match", file, at, what + " is an empty list, which matches nothing: the rule never applies",
            "list at least one value, or remove the key to match anything");
      }
    }

    /** The catalog products this rule can apply to: its static match within its scope. */
    private List<DataProduct> matchedProducts(@Nullable Match match) {
      List<DataProduct> products = new ArrayList<>();
      if (match == null || scope == null) {
        return products;
      }
      for (DataProduct product : catalog.values()) {
        if ((scope.isGlobal() || product.domain().equals(scope.domain())) && match.matchesProduct(product)) {
          products.add(product);
        }
      }
      return products;
    }

    private @Nullable Condition condition(@Nullable Scalar source, boolean columnLevel) {
      if (source == null) {
        return null;
      }
      Cel cel = columnLevel ? ConditionEnvironment.columnLevel() : ConditionEnvironment.productLevel();
      CelValidationResult result = cel.compile(source.text());
      if (result.hasError()) {
        reportCel(source, result.getErrors(), null);
        return null;
      }
      try {
        return new Condition(source.text(), result.getAst(), columnLevel);
      } catch (dev.cel.common.CelValidationException e) {
        throw new IllegalStateException(e);
      }
    }

    private void reportCel(Scalar source, List<CelIssue> issues, @Nullable String context) {
      for (CelIssue issue : issues) {
        String message = issue.getMessage();
        String unknownField = unknownField(source.text(), issue);
        if (unknownField != null) {
          String[] parts = unknownField.split("\\.", 2);
          List<String> fields = FIELDS.get(parts[0]);
          String suggestion = Suggestions.closest(parts[1], fields);
          problems.error("cel-unknown-field", file, CelSupport.position(source, issue, fileText),
              "unknown field '" + parts[1] + "' of " + parts[0] + (context == null ? "" : " (" + context + ")"),
              suggestion != null ? "did you mean '" + parts[0] + "." + suggestion + "'?"
                  : parts[0] + " has " + String.join(", ", fields));
          continue;
        }
        boolean syntax = message.contains("mismatched input") || message.contains("extraneous input")
            || message.contains("token recognition") || message.contains("no viable alternative")
            || message.contains("missing");
        String help;
        if (message.contains("undeclared reference")) {
          help = context == null
              ? "conditions may use subject.{id,groups,roles,attributes}, request.{action,purpose,at}, "
                  + "product.{id,domain,classification,tags}" + " and, in column-level rules, column.{name,type,tags}"
              : "filters may use the product's columns by name, subject.*, request.* and product.*";
        } else if (syntax) {
          help = "fix the CEL syntax";
        } else {
          help = "fix the expression's types";
        }
        problems.error(syntax ? "cel-syntax" : "cel-type", file, CelSupport.position(source, issue, fileText),
            (syntax ? "CEL syntax error: " : "CEL type error: ") + message + (context == null ? "" : " (" + context + ")"),
            help);
      }
    }

    private static final Map<String, List<String>> FIELDS = Map.of(
        "subject", List.of("id", "groups", "roles", "attributes"),
        "request", List.of("action", "purpose", "at"),
        "product", List.of("id", "domain", "classification", "tags"),
        "column", List.of("name", "type", "tags"));
    private static final Pattern ROOT_SELECT =
        Pattern.compile("(subject|request|product|column)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");

    /** {@code root.field} when a CEL issue is an undeclared root whose field is unknown, else null. */
    private static @Nullable String unknownField(String expression, CelIssue issue) {
      java.util.regex.Matcher undeclared =
          Pattern.compile("undeclared reference to '(subject|request|product|column)'").matcher(issue.getMessage());
      if (!undeclared.find() || issue.getSourceLocation() == null) {
        return null;
      }
      String[] lines = expression.split("\n", -1);
      int line = issue.getSourceLocation().getLine();
      int column = issue.getSourceLocation().getColumn();
      if (line < 1 || line > lines.length || column < 0 || column > lines[line - 1].length()) {
        return null;
      }
      java.util.regex.Matcher select = ROOT_SELECT.matcher(lines[line - 1]).region(column, lines[line - 1].length());
      if (!select.lookingAt() || !select.group(1).equals(undeclared.group(1))) {
        return null;
      }
      if (FIELDS.get(select.group(1)).contains(select.group(2))) {
        // a known field undeclared here: column.* outside a column-level rule
        return null;
      }
      return select.group(1) + "." + select.group(2);
    }

    private @Nullable Effect effect(RawRule raw, boolean columnLevel) {
      Scalar effect = raw.effect();
      if (effect == null) {
        problems.error("missing-key", file, raw.position(), "an access rule needs 'effect: permit' or 'effect: deny'",
            "add effect: permit or effect: deny");
        return null;
      }
      Effect value = effect.text().equals("permit") ? Effect.PERMIT : effect.text().equals("deny") ? Effect.DENY : null;
      if (value == null) {
        unknownValue(file, effect, "effect", List.of("permit", "deny"), problems);
        return null;
      }
      if (value == Effect.PERMIT && columnLevel) {
        problems.error("column-permit", file, effect.position(),
            "a column-level access rule may only deny; access is permitted per product",
            "remove match.columns to permit the product, or make this rule effect: deny");
        return null;
      }
      return value;
    }

    private @Nullable Mask mask(RawRule raw, @Nullable Match match, List<DataProduct> products) {
      RawMask rawMask = raw.mask();
      if (rawMask == null) {
        problems.error("missing-key", file, raw.position(), "a mask rule needs 'mask: {method: …}'",
            "add e.g. mask: {method: redact}");
        return null;
      }
      if (rawMask.method() == null) {
        return null;
      }
      MaskMethod method = MaskMethod.fromWireName(rawMask.method().text()).orElse(null);
      if (method == null) {
        unknownValue(file, rawMask.method(), "mask method", names(MaskMethod.values()), problems);
        return null;
      }
      Map<String, Object> parameters = new LinkedHashMap<>();
      for (Map.Entry<String, Scalar> parameter : rawMask.parameters().entrySet()) {
        Scalar value = parameter.getValue();
        parameters.put(parameter.getKey(), value.kind() == ScalarKind.INTEGER ? integerOrText(value) : value.text());
      }
      boolean parametersOk = true;
      for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
        Position at = method.parameterNames().contains(parameter.getKey())
            ? rawMask.parameters().get(parameter.getKey()).position()
            : rawMask.parameterKeys().get(parameter.getKey());
        for (String message : Masks.checkParameters(method, Map.of(parameter.getKey(), parameter.getValue()))) {
          parametersOk = false;
          problems.error("mask-parameter", file, at, message,
              method.parameterNames().isEmpty() ? "mask method '" + method.wireName() + "' takes no parameters"
                  : "mask method '" + method.wireName() + "' takes " + String.join(", ", new java.util.TreeSet<>(method.parameterNames())));
        }
      }
      if (!parametersOk) {
        return null;
      }
      // decisions show every parameter in force, defaults included (SPEC §5: showFirst 0, showLast 4, maskChar *)
      if (method == MaskMethod.PARTIAL) {
        parameters.putIfAbsent("showFirst", 0);
        parameters.putIfAbsent("showLast", 4);
        parameters.putIfAbsent("maskChar", "*");
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("showFirst", parameters.get("showFirst"));
        ordered.put("showLast", parameters.get("showLast"));
        ordered.put("maskChar", parameters.get("maskChar"));
        parameters = ordered;
      } else if (method == MaskMethod.REDACT) {
        parameters.putIfAbsent("replacement", "****");
      }
      Mask mask = new Mask(method, parameters);
      if (match != null) {
        for (DataProduct product : products) {
          for (Column column : product.columns()) {
            if (match.matchesColumn(column) && !method.appliesTo(column.type())) {
              problems.warning("mask-escalated", file, rawMask.method().position(),
                  "mask '" + method.wireName() + "' does not apply to " + column.type().wireName() + " column '"
                      + column.name() + "' of " + product.id() + "; it gets '"
                      + method.escalatedFor(column.type()).wireName() + "'",
                  "narrow match.columns, or choose a method that applies to " + column.type().wireName());
            }
          }
        }
      }
      return mask;
    }

    private Object integerOrText(Scalar value) {
      try {
        return Integer.valueOf(value.text().replace("_", ""));
      } catch (NumberFormatException e) {
        return value.text();
      }
    }

    private @Nullable Filter filter(RawRule raw, List<DataProduct> products) {
      Scalar source = raw.filter();
      if (source == null) {
        problems.error("missing-key", file, raw.position(), "a row-filter rule needs 'filter: <CEL expression>'",
            "add e.g. filter: \"region == subject.attributes.region\"");
        return null;
      }
      CelValidationResult parsed = ConditionEnvironment.productLevel().parse(source.text());
      if (parsed.hasError()) {
        reportCel(source, parsed.getErrors(), null);
        return null;
      }
      CelAbstractSyntaxTree ast;
      try {
        ast = parsed.getAst();
      } catch (dev.cel.common.CelValidationException e) {
        throw new IllegalStateException(e);
      }
      Optional<FilterSubset.Violation> violation = FilterSubset.firstViolation(ast.getExpr());
      if (violation.isPresent()) {
        problems.error("filter-subset", file, CelSupport.position(source, ast, violation.get().expr(), fileText),
            violation.get().message(),
            "row filters may use comparisons, && || !, in a list, startsWith, endsWith, contains, size, "
                + "arithmetic and timestamp(...)");
        return null;
      }
      Set<String> columns = CelSupport.freeNames(ast.getExpr());
      boolean ok = true;
      Set<String> reported = new HashSet<>();
      for (DataProduct product : products) {
        List<String> missing = new ArrayList<>();
        for (String column : columns) {
          if (product.column(column).isEmpty()) {
            missing.add(column);
          }
        }
        if (!missing.isEmpty()) {
          problems.error("filter-missing-column", file, source.contentPosition(),
              "filter names column" + (missing.size() > 1 ? "s " : " ") + "'" + String.join("', '", missing)
                  + "', which product " + product.id() + " lacks",
              "narrow match.products so the rule only matches products with " + (missing.size() > 1 ? "these columns" : "this column")
                  + ", or fix the column name");
          ok = false;
          continue;
        }
        CelValidationResult checked = ConditionEnvironment.filter(product.columns()).compile(source.text());
        if (checked.hasError()) {
          List<CelIssue> fresh = new ArrayList<>();
          for (CelIssue issue : checked.getErrors()) {
            if (reported.add(issue.getMessage())) {
              fresh.add(issue);
            }
          }
          reportCel(source, fresh, "for product " + product.id());
          ok = false;
        }
      }
      if (products.isEmpty()) {
        CelValidationResult checked = ConditionEnvironment.filterWithDynamicColumns(columns).compile(source.text());
        if (checked.hasError()) {
          reportCel(source, checked.getErrors(), null);
          ok = false;
        }
      }
      return ok ? new Filter(source.text(), ast, columns) : null;
    }

    private @Nullable Retention retention(RawRule raw, List<DataProduct> products) {
      RawRetention rawRetention = raw.retention();
      if (rawRetention == null) {
        problems.error("missing-key", file, raw.position(),
            "a retention rule needs 'retention: {basis, minimum, maximum, action}' or 'legalHold: true'",
            "add e.g. retention: {basis: created_at, maximum: P7Y, action: delete}");
        return null;
      }
      Period minimum = period(rawRetention.minimum());
      Period maximum = period(rawRetention.maximum());
      RetentionAction action = null;
      if (rawRetention.action() != null) {
        action = RetentionAction.fromWireName(rawRetention.action().text()).orElse(null);
        if (action == null) {
          unknownValue(file, rawRetention.action(), "retention action", names(RetentionAction.values()), problems);
        }
      }
      Scalar basis = rawRetention.basis();
      if (rawRetention.maximum() != null && basis == null) {
        problems.error("missing-basis", file, rawRetention.position(), "a retention maximum needs a 'basis' date column",
            "add basis: <the date or timestamp column rows age by>");
      }
      if (rawRetention.minimum() == null && rawRetention.maximum() == null && !rawRetention.legalHold()) {
        problems.error("empty-retention", file, rawRetention.position(),
            "the retention rule sets no minimum, no maximum and no legal hold", "add minimum, maximum or legalHold: true");
      }
      if (basis != null) {
        for (DataProduct product : products) {
          Optional<Column> column = product.column(basis.text());
          if (column.isEmpty()) {
            String suggestion = Suggestions.closest(basis.text(), product.columns().stream().map(Column::name).toList());
            problems.error("retention-basis", file, basis.position(),
                "retention basis '" + basis.text() + "' is not a column of product " + product.id(),
                suggestion != null ? "did you mean '" + suggestion + "'?"
                    : "name a date or timestamp column present in every product the rule matches");
          } else if (!column.get().type().isTemporal()) {
            problems.error("retention-basis", file, basis.position(),
                "retention basis '" + basis.text() + "' of product " + product.id() + " is a "
                    + column.get().type().wireName() + " column, not a date or timestamp",
                "name a date or timestamp column");
          }
        }
      }
      return new Retention(basis == null ? null : basis.text(), minimum, maximum, action, rawRetention.legalHold());
    }

    private @Nullable Period period(@Nullable Scalar scalar) {
      if (scalar == null) {
        return null;
      }
      try {
        Period period = Period.parse(scalar.text());
        if (period.isNegative()) {
          problems.error("invalid-period", file, scalar.position(), "retention period '" + scalar.text() + "' is negative",
              "write a period like P7Y or P18M");
          return null;
        }
        return period;
      } catch (DateTimeParseException e) {
        problems.error("invalid-period", file, scalar.position(),
            "'" + scalar.text() + "' is not an ISO-8601 period", "write a period like P7Y, P18M or P30D");
        return null;
      }
    }
  }
}
