package io.meshgov.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditSink;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.ColumnType;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Reason;
import io.meshgov.api.RowFilter;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario bundles under {@code src/test/resources/scenarios/} and small builders for the
 * expected parts of decisions, so each test states its expectation as whole values.
 */
public final class Scenarios {
  /** The instant every scenario request is evaluated at unless a test says otherwise. */
  public static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  /** The engines' clock: fixed, so audit times and decision ids are deterministic in their time part. */
  public static final Instant CLOCK_INSTANT = Instant.parse("2026-11-24T10:00:05Z");
  public static final InstantSource CLOCK = InstantSource.fixed(CLOCK_INSTANT);

  private Scenarios() {}

  /** The directory of scenario bundle {@code name}. */
  public static Path bundle(String name) {
    URL url = Scenarios.class.getResource("/scenarios/" + name + "/bundle.yaml");
    if (url == null) {
      throw new IllegalArgumentException("no scenario bundle " + name);
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static GovernanceEngine engine(String name) {
    return engine(name, AuditSink.discarding());
  }

  public static GovernanceEngine engine(String name, AuditSink sink) {
    return GovernanceEngine.builder().bundle(bundle(name)).auditSink(sink).clock(CLOCK).build();
  }

  public static Subject subject(String id, List<String> groups, List<String> roles, Map<String, String> attributes) {
    return new Subject(id, groups, roles, attributes);
  }

  /** A request for {@code product} at {@link #AT}, all columns, action read, empty purpose. */
  public static AccessRequest.Builder request(Subject subject, String product) {
    return AccessRequest.builder().subject(subject).product(product).at(AT);
  }

  public static RuleReference rule(String setId, String ruleId, String version) {
    return RuleReference.of(setId, ruleId, version);
  }

  public static ColumnDecision allow(String name, ColumnType type) {
    return ColumnDecision.allow(name, type);
  }

  public static ColumnDecision deny(String name, ColumnType type, RuleReference rule) {
    return new ColumnDecision(name, type, ColumnEffect.DENY, null, rule);
  }

  public static ColumnDecision mask(String name, ColumnType type, MaskMethod method, RuleReference rule) {
    return new ColumnDecision(name, type, ColumnEffect.MASK, Mask.of(method), rule);
  }

  public static ColumnDecision mask(String name, ColumnType type, MaskMethod method, Map<String, Object> params,
      RuleReference rule) {
    return new ColumnDecision(name, type, ColumnEffect.MASK, new Mask(method, params), rule);
  }

  /** The partial mask's parameters in the order decisions show them. */
  public static Map<String, Object> partial(int showFirst, int showLast, String maskChar) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("showFirst", showFirst);
    params.put("showLast", showLast);
    params.put("maskChar", maskChar);
    return params;
  }

  public static RowFilter filter(RuleReference rule, String expression) {
    return new RowFilter(rule, expression);
  }

  public static List<String> expressions(Decision decision) {
    List<String> expressions = new ArrayList<>();
    for (RowFilter filter : decision.rowFilters()) {
      expressions.add(filter.expression());
    }
    return expressions;
  }

  public static List<RuleReference> reasonRules(Decision decision) {
    List<RuleReference> rules = new ArrayList<>();
    for (Reason reason : decision.reasons()) {
      rules.add(reason.rule());
    }
    return rules;
  }

  /** A permit whose reasons are exactly {@code permits}, each with effect permit. */
  public static void assertPermit(Decision decision, RuleReference... permits) {
    assertEquals(Effect.PERMIT, decision.effect(), () -> "expected a permit: " + decision);
    assertEquals(List.of(permits), reasonRules(decision), "reasons");
    for (Reason reason : decision.reasons()) {
      assertEquals(Effect.PERMIT, reason.effect(), "effect of reason " + reason);
    }
  }

  /**
   * A deny whose reasons are exactly {@code denies} (each with effect deny), with no columns, no
   * row filters and no retention (docs/combining.md, step 5).
   */
  public static void assertDeny(Decision decision, RuleReference... denies) {
    assertEquals(Effect.DENY, decision.effect(), () -> "expected a deny: " + decision);
    assertEquals(List.of(denies), reasonRules(decision), "reasons");
    for (Reason reason : decision.reasons()) {
      assertEquals(Effect.DENY, reason.effect(), "effect of reason " + reason);
    }
    assertEquals(List.of(), decision.columns(), "a deny has no column decisions");
    assertEquals(List.of(), decision.rowFilters(), "a deny has no row filters");
    assertNull(decision.retention(), "a deny has no retention");
  }

  /** A default deny: one reason, {@code no-permit}, without a version. */
  public static void assertNoPermit(Decision decision) {
    assertDeny(decision, RuleReference.NO_PERMIT);
    assertNull(decision.reasons().get(0).rule().version(), "no-permit has no version");
    assertTrue(!decision.reasons().get(0).message().isEmpty(), "no-permit has a message");
  }
}
