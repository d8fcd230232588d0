package io.meshgov.engine.testing;

import dev.cel.common.CelValidationResult;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.Decision;
import io.meshgov.api.Problem;
import io.meshgov.api.Reason;
import io.meshgov.api.RequestException;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.engine.MeshgovEngine;
import io.meshgov.engine.cel.ConditionEnvironment;
import io.meshgov.engine.json.RequestReader;
import io.meshgov.engine.load.LoadLimits;
import io.meshgov.engine.load.NodeReader;
import io.meshgov.engine.load.Position;
import io.meshgov.engine.load.ProblemSink;
import io.meshgov.engine.load.RawDocuments.RawTestCase;
import io.meshgov.engine.load.RawDocuments.RawTestSuite;
import io.meshgov.engine.load.SourceNode;
import io.meshgov.engine.load.SourceNode.MapNode;
import io.meshgov.engine.load.SourceNode.Scalar;
import io.meshgov.engine.validate.Instants;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs every PolicyTest case of a bundle against an engine built on that bundle. Expected row
 * filters are compared as CEL after parsing, so quoting and spacing do not matter.
 */
public final class PolicyTestRunner {
  private static final Set<String> EXPECT_KEYS = Set.of("effect", "columns", "rowFilters", "retention", "reasons");
  private static final Set<String> COLUMN_KEYS = Set.of("effect", "method", "params", "rule");
  private static final Set<String> RETENTION_KEYS =
      Set.of("basis", "minimum", "maximum", "action", "cutoff", "conflict", "legalHold");
  private static final CelUnparser UNPARSER = CelUnparserFactory.newUnparser();

  /** One case's outcome: passed, or the failures (expectation mismatches or problems in the case). */
  public record CaseResult(String file, Position position, String suite, String name, List<String> failures) {
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  public record Report(List<CaseResult> cases) {
    public long passed() {
      return cases.stream().filter(CaseResult::passed).count();
    }

    public long failed() {
      return cases.size() - passed();
    }
  }

  /**
   * Checks that every case of every suite is well formed without deciding it: its request reads
   * against {@code catalog}, and its {@code expect} has known keys, effects, mask methods, CEL row
   * filters and retention fields. A bundle with a malformed test is invalid like any other file.
   */
  public static List<Problem> check(Map<String, io.meshgov.api.DataProduct> catalog, List<RawTestSuite> suites) {
    RequestReader requests = new RequestReader(catalog, LoadLimits.DEFAULTS);
    ProblemSink problems = new ProblemSink();
    for (RawTestSuite suite : suites) {
      NodeReader reader = new NodeReader(suite.file(), problems);
      for (RawTestCase testCase : suite.cases()) {
        if (testCase.request() != null) {
          requests.read(suite.file(), testCase.request(), problems);
        }
        if (testCase.expect() != null) {
          checkExpect(reader, testCase.expect());
        }
      }
    }
    return problems.problems();
  }

  private static void checkExpect(NodeReader reader, MapNode expect) {
    reader.map(expect, "'expect'", EXPECT_KEYS);
    Scalar effect = reader.string(expect, "effect", "'expect'", false);
    if (effect != null && !Set.of("permit", "deny").contains(effect.text())) {
      reader.error("unknown-effect", effect.position(), "unknown effect '" + effect.text() + "'", "use permit or deny");
    }
    SourceNode columns = reader.value(expect, "columns");
    if (columns != null && !(columns instanceof MapNode)) {
      reader.error("wrong-type", columns.position(),
          "'expect.columns' must be a mapping of column names, not " + columns.describe(), null);
    }
    if (columns instanceof MapNode columnMap) {
      for (SourceNode.Entry entry : columnMap.entries().values()) {
        Scalar columnEffect = entry.value() instanceof Scalar bare ? bare : null;
        if (entry.value() instanceof MapNode spec) {
          String what = "the expectation of column '" + entry.key() + "'";
          reader.map(spec, what, COLUMN_KEYS);
          columnEffect = reader.string(spec, "effect", what, true);
          Scalar method = reader.string(spec, "method", what, false);
          if (method != null && io.meshgov.api.MaskMethod.fromWireName(method.text()).isEmpty()) {
            reader.error("unknown-mask-method", method.position(), "unknown mask method '" + method.text() + "'",
                "use partial, email, year, hash, redact, default or nullify");
          }
          reader.map(reader.value(spec, "params"), "'params'", Set.of("showFirst", "showLast", "maskChar", "replacement"));
        } else if (columnEffect == null) {
          reader.error("wrong-type", entry.value().position(),
              "the expectation of column '" + entry.key() + "' must be allow, mask, deny or a mapping", null);
        }
        if (columnEffect != null && !Set.of("allow", "mask", "deny").contains(columnEffect.text())) {
          reader.error("unknown-effect", columnEffect.position(),
              "unknown column effect '" + columnEffect.text() + "'", "use allow, mask or deny");
        }
      }
    }
    for (Scalar filter : reader.stringList(expect, "rowFilters", "'expect'")) {
      if (canonical(filter.text()) == null) {
        reader.error("cel-syntax", filter.contentPosition(), "expected row filter '" + filter.text() + "' is not valid CEL",
            "write the residual as CEL, e.g. region == 'EU'");
      }
    }
    reader.map(reader.value(expect, "retention"), "'expect.retention'", RETENTION_KEYS);
    reader.stringList(expect, "reasons", "'expect'");
  }

  public static Report run(MeshgovEngine engine, List<RawTestSuite> suites) {
    RequestReader requests = new RequestReader(engine.catalog(), LoadLimits.DEFAULTS);
    List<CaseResult> results = new ArrayList<>();
    for (RawTestSuite suite : suites) {
      String suiteName = suite.name() == null ? suite.file() : suite.name().text();
      for (RawTestCase testCase : suite.cases()) {
        results.add(runCase(engine, requests, suite.file(), suiteName, testCase));
      }
    }
    return new Report(results);
  }

  private static CaseResult runCase(MeshgovEngine engine, RequestReader requests, String file, String suite,
      RawTestCase testCase) {
    String name = testCase.name() == null ? "(unnamed)" : testCase.name().text();
    List<String> failures = new ArrayList<>();
    ProblemSink problems = new ProblemSink();
    AccessRequest request = testCase.request() == null ? null : requests.read(file, testCase.request(), problems);
    if (request == null || testCase.expect() == null) {
      for (Problem problem : problems.problems()) {
        failures.add(problem.format());
      }
      if (failures.isEmpty()) {
        failures.add(file + ":" + testCase.position() + ": the case has no valid request or expect");
      }
      return new CaseResult(file, testCase.position(), suite, name, failures);
    }
    Decision decision;
    try {
      decision = engine.decide(request);
    } catch (RequestException e) {
      for (Problem problem : e.problems()) {
        failures.add(file + ":" + testCase.position() + ": " + problem.message());
      }
      return new CaseResult(file, testCase.position(), suite, name, failures);
    }
    new Comparison(file, decision, failures, problems).compare(testCase.expect());
    for (Problem problem : problems.problems()) {
      failures.add(problem.format());
    }
    return new CaseResult(file, testCase.position(), suite, name, failures);
  }

  /** Compares one decision with one {@code expect} block. */
  private static final class Comparison {
    private final String file;
    private final Decision decision;
    private final List<String> failures;
    private final NodeReader reader;

    Comparison(String file, Decision decision, List<String> failures, ProblemSink problems) {
      this.file = file;
      this.decision = decision;
      this.failures = failures;
      this.reader = new NodeReader(file, problems);
    }

    private void fail(Position at, String message) {
      failures.add(file + ":" + at + ": " + message);
    }

    void compare(MapNode expect) {
      reader.map(expect, "'expect'", EXPECT_KEYS);
      Scalar effect = reader.string(expect, "effect", "'expect'", false);
      if (effect != null && !effect.text().equals(decision.effect().wireName())) {
        fail(effect.position(), "expected effect " + effect.text() + ", got " + decision.effect().wireName()
            + " (reasons: " + reasons() + ")");
      }
      SourceNode columnsNode = reader.value(expect, "columns");
      if (columnsNode != null && !(columnsNode instanceof MapNode)) {
        reader.error("wrong-type", columnsNode.position(),
            "'expect.columns' must be a mapping of column names, not " + columnsNode.describe(), null);
      }
      if (columnsNode instanceof MapNode columns) {
        for (SourceNode.Entry entry : columns.entries().values()) {
          compareColumn(entry);
        }
      }
      for (Scalar filter : reader.stringList(expect, "rowFilters", "'expect'")) {
        compareFilter(filter);
      }
      MapNode retention = reader.map(reader.value(expect, "retention"), "'expect.retention'", RETENTION_KEYS);
      if (retention != null) {
        compareRetention(retention);
      }
      for (Scalar rule : reader.stringList(expect, "reasons", "'expect'")) {
        boolean found = false;
        for (Reason reason : decision.reasons()) {
          found |= reason.rule().id().equals(rule.text());
        }
        if (!found) {
          fail(rule.position(), "expected reason " + rule.text() + ", got " + reasons());
        }
      }
    }

    private String reasons() {
      List<String> ids = new ArrayList<>();
      for (Reason reason : decision.reasons()) {
        ids.add(reason.rule().id());
      }
      return ids.toString();
    }

    private void compareColumn(SourceNode.Entry entry) {
      String name = entry.key();
      ColumnDecision actual = decision.column(name);
      String effect;
      Scalar method = null;
      Scalar rule = null;
      MapNode params = null;
      if (entry.value() instanceof Scalar scalar) {
        effect = scalar.text();
      } else {
        MapNode spec = reader.map(entry.value(), "the expectation of column '" + name + "'", COLUMN_KEYS);
        if (spec == null) {
          return;
        }
        Scalar effectScalar = reader.string(spec, "effect", "the expectation of column '" + name + "'", true);
        if (effectScalar == null) {
          return;
        }
        effect = effectScalar.text();
        method = reader.string(spec, "method", "the expectation of column '" + name + "'", false);
        rule = reader.string(spec, "rule", "the expectation of column '" + name + "'", false);
        params = reader.map(reader.value(spec, "params"), "'params'", Set.of("showFirst", "showLast", "maskChar", "replacement"));
      }
      if (actual == null) {
        fail(entry.keyPosition(), "expected column " + name + " " + effect + ", but the decision has no column "
            + name + (decision.isPermitted() ? "" : " (the request was denied)"));
        return;
      }
      String actualText = describe(actual);
      if (!effect.equals(actual.effect().wireName())) {
        fail(entry.keyPosition(), "expected column " + name + " " + effect + (method != null ? ":" + method.text() : "")
            + ", got " + actualText);
        return;
      }
      if (method != null && (actual.mask() == null || !method.text().equals(actual.mask().method().wireName()))) {
        fail(method.position(), "expected column " + name + " mask:" + method.text() + ", got " + actualText);
      }
      if (rule != null && (actual.rule() == null || !rule.text().equals(actual.rule().id()))) {
        fail(rule.position(), "expected column " + name + " decided by " + rule.text() + ", got "
            + (actual.rule() == null ? "no rule" : actual.rule().id()));
      }
      if (params != null && actual.mask() != null) {
        Map<String, Object> actualParams = actual.mask().publicParameters();
        for (SourceNode.Entry param : params.entries().values()) {
          Object value = actualParams.get(param.key());
          String expected = param.value() instanceof Scalar s ? s.text() : param.value().describe();
          if (value == null || !String.valueOf(value).equals(expected)) {
            fail(param.keyPosition(), "expected column " + name + " parameter " + param.key() + " = " + expected
                + ", got " + value);
          }
        }
      }
    }

    private static String describe(ColumnDecision column) {
      String text = column.mask() != null ? "mask:" + column.mask().method().wireName() : column.effect().wireName();
      return column.rule() == null ? text : text + " (" + column.rule().id() + ")";
    }

    private void compareFilter(Scalar expected) {
      String canonical = canonical(expected.text());
      if (canonical == null) {
        fail(expected.contentPosition(), "expected row filter '" + expected.text() + "' is not valid CEL");
        return;
      }
      List<String> actual = new ArrayList<>();
      for (RowFilter filter : decision.rowFilters()) {
        actual.add(filter.expression());
        if (canonical.equals(canonical(filter.expression()))) {
          return;
        }
      }
      fail(expected.position(), "expected row filter " + expected.text() + ", got " + actual);
    }

    private void compareRetention(MapNode expected) {
      RetentionObligation actual = decision.retention();
      if (actual == null) {
        fail(expected.position(), "expected retention, but the decision has none");
        return;
      }
      for (SourceNode.Entry entry : expected.entries().values()) {
        if (!(entry.value() instanceof Scalar scalar)) {
          fail(entry.value().position(), "expected retention." + entry.key() + " must be a scalar");
          continue;
        }
        String want = scalar.kind() == SourceNode.ScalarKind.NULL ? null : scalar.text();
        Object got;
        boolean same;
        switch (entry.key()) {
          case "basis":
            got = actual.basis();
            same = Objects.equals(want, got);
            break;
          case "minimum":
            got = actual.minimum();
            same = samePeriod(want, actual.minimum());
            break;
          case "maximum":
            got = actual.maximum();
            same = samePeriod(want, actual.maximum());
            break;
          case "action":
            got = actual.action() == null ? null : actual.action().wireName();
            same = Objects.equals(want, got);
            break;
          case "cutoff":
            got = actual.cutoff();
            Instant wanted = want == null ? null : Instants.parse(want).orElse(null);
            same = Objects.equals(wanted, actual.cutoff());
            break;
          case "conflict":
            got = actual.conflict();
            same = String.valueOf(actual.conflict()).equals(want);
            break;
          default:
            got = actual.legalHold();
            same = String.valueOf(actual.legalHold()).equals(want);
        }
        if (!same) {
          fail(entry.keyPosition(), "expected retention." + entry.key() + " " + want + ", got " + got);
        }
      }
    }

    private static boolean samePeriod(@Nullable String want, @Nullable Period got) {
      if (want == null || got == null) {
        return want == null && got == null;
      }
      try {
        return Period.parse(want).equals(got);
      } catch (java.time.format.DateTimeParseException e) {
        return false;
      }
    }
  }

  /** A CEL expression in canonical form: parsed, then printed back. Null when it does not parse. */
  static @Nullable String canonical(String expression) {
    CelValidationResult parsed = ConditionEnvironment.productLevel().parse(expression);
    if (parsed.hasError()) {
      return null;
    }
    try {
      return UNPARSER.unparse(parsed.getAst());
    } catch (dev.cel.common.CelValidationException e) {
      return null;
    }
  }
}
