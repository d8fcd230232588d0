package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RequestException;
import io.meshgov.api.RuleMatch;
import io.meshgov.api.Subject;
import io.meshgov.api.TraceEntry;
import io.meshgov.api.TraceStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link GovernanceEngine#rulesFor}: the rules that can apply to a product, on the shipped bundle. */
class RulesForTest {
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  private static GovernanceEngine engine;

  @BeforeAll
  static void build() {
    engine = GovernanceEngine.builder().bundle(Path.of(System.getProperty("meshgov.policies"))).build();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static RuleMatch find(List<RuleMatch> rules, String reference) {
    return rules.stream().filter(rule -> rule.rule().reference().toString().equals(reference)).findFirst()
        .orElseThrow(() -> new AssertionError(reference + " not in " + rules));
  }

  @Test
  void invoicePayments_inCombiningOrder_everyVersion_eachAtItsIdLine() {
    List<RuleMatch> rules = engine.rulesFor("finance.invoice_payments", null, AT);
    assertEquals(List.of(
        "global.access/deny-contractors-confidential@1.0.0",
        "global.access/permit-by-clearance@1.0.0",
        "global.access/permit-domain-members@1.0.0",
        "global.export/deny-export-confidential@1.0.0",
        "finance.access/permit-statutory-auditors@1.1.0",
        "global.export/strip-pii-from-exports@1.0.0",
        "global.pii-protection/redact-names@1.2.0",
        "global.pii-protection/mask-email@1.2.0",
        "global.pii-protection/mask-card-number@1.2.0",
        "finance.card-data/card-numbers-stay-masked@1.0.0",
        "finance.card-data/card-numbers-stay-masked@2.0.0",
        "finance.access/credit-risk-need-to-know@1.1.0",
        "global.residency/regional-rows@1.0.0",
        "global.retention/sox-records@1.1.0",
        "finance.retention/invoice-retention@1.0.0"),
        rules.stream().map(rule -> rule.rule().reference().toString()).toList());
    RuleMatch v1 = find(rules, "finance.card-data/card-numbers-stay-masked@1.0.0");
    assertFalse(v1.inForce());
    assertEquals("domains/finance/card-data-v1.yaml:15", v1.rule().location());
    assertEquals(Instant.parse("2026-07-01T00:00:00Z"), v1.rule().effectiveUntil());
    assertTrue(find(rules, "finance.card-data/card-numbers-stay-masked@2.0.0").inForce());
  }

  @Test
  void reasons_nameTheScopeTheMatchedFieldsAndTheCarriedTags() {
    List<RuleMatch> rules = engine.rulesFor("finance.invoice_payments", null, AT);
    RuleMatch strip = find(rules, "global.export/strip-pii-from-exports@1.0.0");
    assertEquals(List.of(Action.EXPORT), strip.actions());
    assertEquals(List.of("customer_name", "customer_email", "card_number"), strip.columns());
    assertEquals(List.of("no match.products (applies to every product)",
        "match.columns.tags: pii (column customer_name carries pii.name)",
        "match.columns.tags: pii (column customer_email carries pii.email)",
        "match.columns.tags: pii (column card_number carries pii.card_number)"), strip.reasons());
    assertEquals("request.purpose == 'data-subject-access'", strip.unless());
    RuleMatch auditors = find(rules, "finance.access/permit-statutory-auditors@1.1.0");
    assertEquals(List.of("scope domain:finance (the product's domain)", "match.products.domains: finance",
        "match.products.tags: regulated.sox"), auditors.reasons());
    assertEquals("permit", auditors.effect());
    assertEquals("mask partial {showFirst=0, showLast=4, maskChar=*}",
        find(rules, "global.pii-protection/mask-card-number@1.2.0").effect());
  }

  @Test
  void column_keepsOnlyItsColumnRules_andEveryRuleOfTheWholeProduct() {
    List<RuleMatch> rules = engine.rulesFor("finance.invoice_payments", "card_number", AT);
    List<String> references = rules.stream().map(rule -> rule.rule().reference().toString()).toList();
    assertTrue(references.contains("global.pii-protection/mask-card-number@1.2.0"), references::toString);
    assertTrue(references.contains("global.access/permit-domain-members@1.0.0"), references::toString);
    assertTrue(references.contains("global.residency/regional-rows@1.0.0"), references::toString);
    assertFalse(references.contains("global.pii-protection/mask-email@1.2.0"), references::toString);
    assertFalse(references.contains("finance.access/credit-risk-need-to-know@1.1.0"), references::toString);
    // the reasons of a rule matching several columns name the asked column only
    assertEquals(List.of("no match.products (applies to every product)",
        "match.columns.tags: pii (column card_number carries pii.card_number)"),
        find(rules, "global.export/strip-pii-from-exports@1.0.0").reasons());
  }

  @Test
  void anOpaBackedSet_isListedFirst_atItsOpaKey() {
    List<RuleMatch> rules = engine.rulesFor("finance.card_authorizations", null, AT);
    RuleMatch opa = rules.get(0);
    assertEquals("finance.fraud-screening/opa@1.0.0", opa.rule().reference().toString());
    assertEquals("opa", opa.rule().kind());
    assertTrue(opa.inForce());
  }

  /**
   * The listing and explain read the same plans: for every catalog product, the rules listed as in
   * force are exactly the rules explain considers for a read or an export request, less those
   * explain shows only to say they are left out (not in force, or excluded by action or columns).
   */
  @Test
  void everyProduct_inForceRules_areTheRulesExplainConsiders() {
    for (DataProduct product : engine.catalog().values()) {
      Set<String> listed = new TreeSet<>();
      for (RuleMatch rule : engine.rulesFor(product.id(), null, AT)) {
        if (rule.inForce() && !rule.rule().kind().equals("opa")) {
          listed.add(rule.rule().reference().toString());
        }
      }
      Set<String> explained = new TreeSet<>();
      for (Action action : Action.values()) {
        AccessRequest request = AccessRequest.builder().subject(Subject.of("nobody")).product(product.id())
            .action(action).at(AT).build();
        for (TraceEntry entry : engine.explain(request).trace()) {
          // explain lists, per action, the rules the plan holds and, apart, those it leaves out
          boolean leftOut = entry.status() == TraceStatus.NOT_IN_FORCE || entry.status() == TraceStatus.EXCLUDED
              || entry.kind().equals("opa");
          if (!leftOut) {
            explained.add(entry.rule().toString());
          }
        }
      }
      assertEquals(explained, listed, product.id());
    }
  }

  @Test
  void unknownProductOrColumn_isARequestError_withTheNearestName() {
    RequestException product = assertThrows(RequestException.class,
        () -> engine.rulesFor("finance.invoice_paymnts", null, AT));
    assertEquals("unknown-product", product.problems().get(0).code());
    assertEquals("did you mean 'finance.invoice_payments'?", product.problems().get(0).help());
    RequestException column = assertThrows(RequestException.class,
        () -> engine.rulesFor("finance.invoice_payments", "card_numbr", AT));
    assertEquals("unknown-column", column.problems().get(0).code());
    assertEquals("did you mean 'card_number'?", column.problems().get(0).help());
  }
}
