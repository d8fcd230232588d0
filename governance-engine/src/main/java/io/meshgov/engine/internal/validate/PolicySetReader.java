package io.meshgov.engine.internal.validate;

import static io.meshgov.engine.internal.validate.ProductValidator.NAME;
import static io.meshgov.engine.internal.validate.Scalars.badSemver;

import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.load.RawDocuments.RawOpa;
import io.meshgov.engine.internal.load.RawDocuments.RawPolicySet;
import io.meshgov.engine.internal.load.RawDocuments.RawRule;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads and checks one policy set version: its metadata, scope and ownership, then its rules or its OPA binding. */
final class PolicySetReader {
  /** Slash-separated Rego package or rule names, as OPA's Data API takes them after /v1/data/. */
  private static final Pattern OPA_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

private final RawPolicySet raw;
  private final Map<String, DataProduct> catalog;
  private final ProblemSink problems;
  private final String file;
  private final @Nullable String fileText;
  private final FiltersChecked checked;
  private final KnownNames names;
  private @Nullable Scope scope;

  PolicySetReader(RawPolicySet raw, Map<String, DataProduct> catalog, ProblemSink problems,
      @Nullable String fileText, FiltersChecked checked, KnownNames names) {
    this.names = names;
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
    RuleReader rules = new RuleReader(file, fileText, catalog, scope, problems, checked, names);
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
    boolean acknowledged = Acknowledgements.opa(file, raw.acknowledge(), problems);
    Scalar path = raw.path();
    if (path == null) {
      return null;
    }
    if (!OPA_PATH.matcher(path.text()).matches()) {
      problems.error("opa-path", file, path.position(), "OPA path '" + path.text() + "' is not a data path",
          "write the package path with slashes and no leading slash, e.g. meshgov/finance/fraud");
      return null;
    }
    return match == null ? null : new OpaBinding(path.text(), match, raw.position(), acknowledged);
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
