package io.meshgov.engine.internal.testing;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Vocabulary;
import io.meshgov.api.Decision;
import io.meshgov.api.PolicyTestReport;
import io.meshgov.api.Problem;
import io.meshgov.api.Reason;
import io.meshgov.api.RequestException;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.engine.internal.cel.CanonicalCel;
import io.meshgov.engine.internal.load.NodeReader;
import io.meshgov.engine.internal.load.RawDocuments.RawTestCase;
import io.meshgov.engine.internal.load.RawDocuments.RawTestSuite;
import io.meshgov.engine.internal.load.SourceNode.ListNode;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode;
import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import io.meshgov.engine.internal.validate.Instants;
import io.meshgov.engine.internal.validate.PolicySetVersion;
import io.meshgov.engine.internal.validate.PolicyTestValidator;
import io.meshgov.engine.internal.validate.RequestParser;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs every PolicyTest case of a bundle through a decision function, normally an engine built on
 * that bundle. The cases were validated with the bundle ({@code PolicyTestValidator}); expected row
 * filters are compared as CEL after parsing, so quoting and spacing do not matter.
 */
public final class PolicyTestRunner {
  private PolicyTestRunner() {}

  /**
   * Runs every case of {@code suites}, and records which rules of {@code policySets} their
   * decisions applied. {@code decide} must not audit: a test's synthetic requests are not accesses
   * to data.
   */
  public static PolicyTestReport run(Function<AccessRequest, Decision> decide, Map<String, DataProduct> catalog,
      Vocabulary vocabulary, List<RawTestSuite> suites, List<PolicySetVersion> policySets) {
    RequestParser requests = new RequestParser(catalog, vocabulary);
    TestCoverage coverage = new TestCoverage();
    List<PolicyTestReport.Case> results = new ArrayList<>();
    for (RawTestSuite suite : suites) {
      String suiteName = suite.name() == null ? suite.file() : suite.name().text();
      for (RawTestCase testCase : suite.cases()) {
        results.add(runCase(decide, requests, suite.file(), suiteName, testCase, coverage));
      }
    }
    return new PolicyTestReport(results, coverage.rules(policySets), TestCoverage.opaBackedSets(policySets));
  }

  /** The valid requests of {@code suites}' cases, in file order, each with its case's place. */
  public static List<io.meshgov.api.PolicyTestRequest> requests(Map<String, DataProduct> catalog,
      Vocabulary vocabulary, List<RawTestSuite> suites) {
    RequestParser requests = new RequestParser(catalog, vocabulary);
    List<io.meshgov.api.PolicyTestRequest> found = new ArrayList<>();
    for (RawTestSuite suite : suites) {
      for (RawTestCase testCase : suite.cases()) {
        if (testCase.request() == null) {
          continue;
        }
        AccessRequest request = requests.read(suite.file(), testCase.request(), new ProblemSink());
        if (request != null) {
          found.add(new io.meshgov.api.PolicyTestRequest(suite.file(), testCase.position().line(),
              testCase.name() == null ? "(unnamed)" : testCase.name().text(), request));
        }
      }
    }
    return found;
  }

  private static PolicyTestReport.Case runCase(Function<AccessRequest, Decision> decide, RequestParser requests,
      String file, String suite, RawTestCase testCase, TestCoverage coverage) {
    String name = testCase.name() == null ? "(unnamed)" : testCase.name().text();
    Position position = testCase.position();
    List<String> failures = new ArrayList<>();
    ProblemSink problems = new ProblemSink();
    AccessRequest request = testCase.request() == null ? null : requests.read(file, testCase.request(), problems);
    if (request == null || testCase.expect() == null) {
      for (Problem problem : problems.problems()) {
        failures.add(problem.format());
      }
      if (failures.isEmpty()) {
        failures.add(file + ":" + position + ": the case has no valid request or expect");
      }
      return result(file, position, suite, name, failures);
    }
    Decision decision;
    try {
      decision = decide.apply(request);
    } catch (RequestException e) {
      for (Problem problem : e.problems()) {
        failures.add(file + ":" + position + ": " + problem.message());
      }
      return result(file, position, suite, name, failures);
    }
    // a failing case's decision counts too: its rules were applied, whatever the expectation said
    coverage.record(decision);
    new Comparison(file, decision, failures, problems).compare(testCase.expect());
    for (Problem problem : problems.problems()) {
      failures.add(problem.format());
    }
    return result(file, position, suite, name, failures);
  }

  private static PolicyTestReport.Case result(String file, Position position, String suite, String name,
      List<String> failures) {
    return new PolicyTestReport.Case(file, position.line(), position.column(), suite, name, failures);
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
      reader.map(expect, "'expect'", PolicyTestValidator.EXPECT_KEYS);
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
      SourceNode.Entry rowFilters = expect.entry("rowFilters");
      if (rowFilters != null && rowFilters.value() instanceof ListNode list && list.items().isEmpty()) {
        // an explicitly empty list: the decision must have no row filter at all, the retention cutoff included
        if (!decision.rowFilters().isEmpty()) {
          fail(rowFilters.keyPosition(), "expected no row filters, got " + expressions());
        }
      } else {
        for (Scalar filter : reader.stringList(expect, "rowFilters", "'expect'")) {
          compareFilter(filter);
        }
      }
      SourceNode.Entry retentionEntry = expect.entry("retention");
      if (retentionEntry != null && PolicyTestValidator.isNull(retentionEntry.value())) {
        if (decision.retention() != null) {
          fail(retentionEntry.keyPosition(), "expected no retention, got " + describe(decision.retention()));
        }
      } else {
        MapNode retention = reader.map(reader.value(expect, "retention"), "'expect.retention'",
            PolicyTestValidator.RETENTION_KEYS);
        if (retention != null) {
          compareRetention(retention);
        }
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
        MapNode spec = reader.map(entry.value(), "the expectation of column '" + name + "'", PolicyTestValidator.COLUMN_KEYS);
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

    private List<String> expressions() {
      List<String> expressions = new ArrayList<>();
      for (RowFilter filter : decision.rowFilters()) {
        expressions.add(filter.expression());
      }
      return expressions;
    }

    /** A retention obligation as the YAML an expectation would write: its set fields, true flags only. */
    private static String describe(RetentionObligation retention) {
      List<String> fields = new ArrayList<>();
      if (retention.basis() != null) {
        fields.add("basis: " + retention.basis());
      }
      if (retention.minimum() != null) {
        fields.add("minimum: " + retention.minimum());
      }
      if (retention.maximum() != null) {
        fields.add("maximum: " + retention.maximum());
      }
      if (retention.action() != null) {
        fields.add("action: " + retention.action().wireName());
      }
      if (retention.cutoff() != null) {
        fields.add("cutoff: " + retention.cutoff());
      }
      if (retention.conflict()) {
        fields.add("conflict: true");
      }
      if (retention.legalHold()) {
        fields.add("legalHold: true");
      }
      return "{" + String.join(", ", fields) + "}";
    }

    private static String describe(ColumnDecision column) {
      String text = column.mask() != null ? "mask:" + column.mask().method().wireName() : column.effect().wireName();
      return column.rule() == null ? text : text + " (" + column.rule().id() + ")";
    }

    private void compareFilter(Scalar expected) {
      String canonical = CanonicalCel.of(expected.text());
      if (canonical == null) {
        fail(expected.contentPosition(), "expected row filter '" + expected.text() + "' is not valid CEL");
        return;
      }
      for (RowFilter filter : decision.rowFilters()) {
        if (canonical.equals(CanonicalCel.of(filter.expression()))) {
          return;
        }
      }
      fail(expected.position(), "expected row filter " + expected.text() + ", got " + expressions());
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
}
