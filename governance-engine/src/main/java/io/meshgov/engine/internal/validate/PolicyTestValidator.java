package io.meshgov.engine.internal.validate;

import io.meshgov.api.DataProduct;
import io.meshgov.api.Vocabulary;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Problem;
import io.meshgov.engine.internal.cel.CanonicalCel;
import io.meshgov.engine.internal.load.NodeReader;
import io.meshgov.engine.internal.load.RawDocuments.RawTestCase;
import io.meshgov.engine.internal.load.RawDocuments.RawTestSuite;
import io.meshgov.engine.internal.load.SourceNode.MapNode;
import io.meshgov.engine.internal.load.SourceNode.Scalar;
import io.meshgov.engine.internal.load.SourceNode;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates a bundle's PolicyTest files, part of the validate stage like every other file of a
 * bundle: a malformed test rejects the bundle, before any case runs.
 */
public final class PolicyTestValidator {
  // the keys of an expectation, of a column's and of retention's; the runner reads the same ones
  public static final Set<String> EXPECT_KEYS = Set.of("effect", "columns", "rowFilters", "retention", "reasons");
  public static final Set<String> COLUMN_KEYS = Set.of("effect", "method", "params", "rule");
  public static final Set<String> RETENTION_KEYS =
      Set.of("basis", "minimum", "maximum", "action", "cutoff", "conflict", "legalHold");

  private PolicyTestValidator() {}

  /**
   * Checks that every case of every suite is well formed without deciding it: its request reads
   * against {@code catalog}, and its {@code expect} has known keys, effects, mask methods, CEL row
   * filters and retention fields. A bundle with a malformed test is invalid like any other file.
   */
  public static List<Problem> check(Map<String, DataProduct> catalog, Vocabulary vocabulary,
      List<RawTestSuite> suites) {
    RequestParser requests = new RequestParser(catalog, vocabulary);
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
          if (method != null && MaskMethod.fromWireName(method.text()).isEmpty()) {
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
    // rowFilters: [] expects no row filter at all; a null would say nothing clear, so it is an error
    SourceNode rowFilters = reader.value(expect, "rowFilters");
    if (isNull(rowFilters)) {
      reader.error("wrong-type", rowFilters.position(), "'rowFilters' of 'expect' must be a list, not null",
          "write rowFilters: [] to expect no row filters, or leave the key out");
    }
    for (Scalar filter : isNull(rowFilters) ? List.<Scalar>of() : reader.stringList(expect, "rowFilters", "'expect'")) {
      if (CanonicalCel.of(filter.text()) == null) {
        reader.error("cel-syntax", filter.contentPosition(), "expected row filter '" + filter.text() + "' is not valid CEL",
            "write the residual as CEL, e.g. region == 'EU'");
      }
    }
    // retention: null (or ~) expects no retention obligation, as a decision's "retention": null says
    SourceNode retention = reader.value(expect, "retention");
    if (!isNull(retention)) {
      reader.map(retention, "'expect.retention'", RETENTION_KEYS);
    }
    reader.stringList(expect, "reasons", "'expect'");
  }

  /** Whether {@code node} is a null scalar: {@code null}, {@code ~} or nothing after the key. */
  public static boolean isNull(@Nullable SourceNode node) {
    return node instanceof Scalar scalar && scalar.kind() == SourceNode.ScalarKind.NULL;
  }
}
