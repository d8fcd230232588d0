package io.meshgov.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiValuesTest {
  @Test
  void maskMethod_escalatedFor_followsTheTableDownToAMethodThatFits() {
    assertEquals(MaskMethod.YEAR, MaskMethod.EMAIL.escalatedFor(ColumnType.DATE));
    assertEquals(MaskMethod.YEAR, MaskMethod.PARTIAL.escalatedFor(ColumnType.TIMESTAMP));
    assertEquals(MaskMethod.DEFAULT, MaskMethod.HASH.escalatedFor(ColumnType.DECIMAL));
    assertEquals(MaskMethod.HASH, MaskMethod.YEAR.escalatedFor(ColumnType.STRING));
    assertEquals(MaskMethod.DEFAULT, MaskMethod.PARTIAL.escalatedFor(ColumnType.BOOLEAN));
    assertEquals(MaskMethod.NULLIFY, MaskMethod.NULLIFY.escalatedFor(ColumnType.INTEGER));
    for (MaskMethod method : MaskMethod.values()) {
      for (ColumnType type : ColumnType.values()) {
        MaskMethod escalated = method.escalatedFor(type);
        assertTrue(escalated.appliesTo(type));
        assertTrue(escalated.compareTo(method) >= 0, method + " on " + type + " must never become less restrictive");
      }
    }
  }

  @Test
  void wireNames_roundTrip() {
    for (MaskMethod method : MaskMethod.values()) {
      assertEquals(method, MaskMethod.fromWireName(method.wireName()).orElseThrow());
    }
    assertEquals(ColumnType.DECIMAL, ColumnType.fromWireName("decimal").orElseThrow());
    assertTrue(Action.fromWireName("raed").isEmpty());
    assertTrue(Classification.fromWireName("CONFIDENTIAL").isEmpty());
  }

  @Test
  void accessRequest_builder_copiesAndDefaults() {
    List<String> columns = new ArrayList<>(List.of("a", "b"));
    AccessRequest request = AccessRequest.builder().subject(Subject.of("alice")).product("finance.x").columns(columns).build();
    columns.add("c");
    assertEquals(List.of("a", "b"), request.columns());
    assertEquals(Action.READ, request.action());
    assertEquals("", request.purpose());
    assertEquals(null, request.at());
    assertThrows(IllegalStateException.class, () -> AccessRequest.builder().product("finance.x").build());
  }

  @Test
  void accessRequest_inlineProductWithAnotherId_isRejected() {
    DataProduct product = new DataProduct("finance.y", "finance", "o", "1.0.0", Classification.PUBLIC, List.of(),
        List.of(Column.of("a", ColumnType.STRING)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AccessRequest(Subject.of("a"),
        "finance.x", product, List.of(), Action.READ, "", null));
    assertEquals("productId 'finance.x' must equal the inline product's id 'finance.y'", e.getMessage());
  }

  @Test
  void dataProduct_bindings_areAnUnmodifiableCopyInWrittenOrder() {
    Map<String, String> bindings = new LinkedHashMap<>();
    bindings.put("trino", "memory.finance.y");
    bindings.put("postgresql", "finance.y");
    DataProduct product = new DataProduct("finance.y", "finance", "o", "1.0.0", Classification.PUBLIC, List.of(),
        List.of(Column.of("a", ColumnType.STRING)), bindings);
    bindings.put("spark", "finance.y");
    assertEquals(List.of("trino", "postgresql"), List.copyOf(product.bindings().keySet()));
    assertEquals(Optional.of("memory.finance.y"), product.binding("trino"));
    assertEquals(Optional.empty(), product.binding("spark"));
    assertThrows(UnsupportedOperationException.class, () -> product.bindings().put("spark", "x"));
  }

  @Test
  void dataProduct_withoutBindings_hasAnEmptyMap() {
    DataProduct product = new DataProduct("finance.y", "finance", "o", "1.0.0", Classification.PUBLIC, List.of(),
        List.of(Column.of("a", ColumnType.STRING)));
    assertTrue(product.bindings().isEmpty());
    assertEquals(Optional.empty(), product.binding("postgresql"));
    Map<String, String> nullTable = new HashMap<>();
    nullTable.put("spark", null);
    assertThrows(NullPointerException.class, () -> new DataProduct("finance.y", "finance", "o", "1.0.0",
        Classification.PUBLIC, List.of(), List.of(Column.of("a", ColumnType.STRING)), nullTable));
  }

  @Test
  void mask_publicParameters_leaveOutTheSalt() {
    Mask mask = new Mask(MaskMethod.HASH, Map.of("salt", "s3cr3t"));
    assertTrue(mask.publicParameters().isEmpty());
    assertFalse(mask.toString().contains("s3cr3t"));
    assertThrows(IllegalArgumentException.class, () -> new Mask(MaskMethod.EMAIL, Map.of("salt", "x")));
  }

  @Test
  void decision_deny_carriesNoColumns() {
    BundleInfo bundle = new BundleInfo("b", null, "sha256:00");
    assertThrows(IllegalArgumentException.class, () -> new Decision("id", Effect.DENY,
        new ProductReference("p.q", "1.0.0"), List.of(ColumnDecision.allow("a", ColumnType.STRING)), List.of(), null,
        List.of(), bundle, Instant.EPOCH, List.of(), List.of()));
  }

  @Test
  void columnDecision_maskNeedsAMaskAndARule() {
    assertThrows(IllegalArgumentException.class,
        () -> new ColumnDecision("a", ColumnType.STRING, ColumnEffect.MASK, null, RuleReference.of("s", "r", "1.0.0")));
    assertThrows(IllegalArgumentException.class,
        () -> new ColumnDecision("a", ColumnType.STRING, ColumnEffect.DENY, null, null));
  }

  @Test
  void problem_format_isOneLine() {
    Problem problem = new Problem(Severity.ERROR, "unknown-action", "global/pay.yaml", 12, 7,
        "unknown action 'raed'", "did you mean 'read'?");
    assertEquals("global/pay.yaml:12:7: unknown action 'raed' [unknown-action] help: did you mean 'read'?",
        problem.format());
    assertEquals("f.yaml:1:1: warning: w [c]", new Problem(Severity.WARNING, "c", "f.yaml", 1, 1, "w", null).format());
  }

  @Test
  void ruleReference_toString_isTheAuditForm() {
    assertEquals("global.pii/mask-email@1.2.0", RuleReference.of("global.pii", "mask-email", "1.2.0").toString());
    assertEquals("no-permit", RuleReference.NO_PERMIT.toString());
  }
}
