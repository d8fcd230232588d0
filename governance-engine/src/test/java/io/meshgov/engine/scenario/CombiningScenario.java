package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.allow;
import static io.meshgov.engine.scenario.Scenarios.assertDeny;
import static io.meshgov.engine.scenario.Scenarios.assertNoPermit;
import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.deny;
import static io.meshgov.engine.scenario.Scenarios.filter;
import static io.meshgov.engine.scenario.Scenarios.mask;
import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.rule;
import static io.meshgov.engine.scenario.Scenarios.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.BundleInfo;
import io.meshgov.api.ColumnType;
import io.meshgov.api.Decision;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.ProductReference;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/combining.md, the federation algebra: deny overrides permit, default deny, a domain permits its own
 * products while the council's denies, masks and filters hold, a domain tightens a global exemption,
 * a column deny beats a mask, ties name the first rule in tie-break order. Bundle {@code
 * scenarios/combining}: global.access, global.masks, global.residency, global.pci, global.aaa,
 * global.bbb; domain sets finance.access and sales.access.
 */
public class CombiningScenario {
  private static final Map<String, String> EU = Map.of("region", "EU");
  private static final Subject FINANCE = subject("fay", List.of("finance"), List.of(), EU);
  private static final Subject FINANCE_PII_READER = subject("fred", List.of("finance"), List.of("pii-reader"), EU);
  private static final Subject NOBODY = subject("nick", List.of(), List.of(), EU);

  private static final RuleReference PERMIT_FINANCE = rule("finance.access", "permit-finance", "1.0.0");
  private static final RuleReference GLOBAL_MASK_EMAIL = rule("global.masks", "mask-email", "1.2.0");
  private static final RuleReference OWN_REGION = rule("global.residency", "own-region", "1.0.0");
  private static final RuleReference DENY_CONTRACTORS = rule("global.access", "deny-contractors", "1.0.0");

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("combining");
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  @Test
  public void domainPermitsOwnProduct_globalMasksDeniesAndFiltersStillHold() {
    Decision decision = engine.decide(request(FINANCE, "finance.ledger").build());
    assertPermit(decision, PERMIT_FINANCE);
    assertEquals("Finance reads its ledger.", decision.reasons().get(0).message());
    assertEquals(new ProductReference("finance.ledger", "2.1.0"), decision.product());
    assertEquals(List.of(
        allow("account", ColumnType.STRING),
        // sales.access/mask-amount is a sales rule: it does not touch a finance product
        allow("amount", ColumnType.DECIMAL),
        allow("region", ColumnType.STRING),
        // column deny beats the domain's own partial mask
        deny("card", ColumnType.STRING, rule("finance.access", "deny-card", "1.0.0")),
        // same method from global and domain: global first
        mask("email", ColumnType.STRING, MaskMethod.EMAIL, GLOBAL_MASK_EMAIL),
        // global deny named before the domain's, although "finance.access" sorts before "global.pci"
        deny("iban", ColumnType.STRING, rule("global.pci", "z-deny-iban", "1.0.0")),
        allow("booked", ColumnType.DATE)),
        decision.columns());
    assertEquals(List.of(filter(OWN_REGION, "region == 'EU'")), decision.rowFilters());
    assertEquals(null, decision.retention());
    BundleInfo bundle = decision.bundle();
    assertEquals("scenario-combining", bundle.name());
    assertEquals("7", bundle.revision());
    assertTrue(bundle.digest().matches("sha256:[0-9a-f]{64}"), bundle.digest());
    assertEquals(engine.bundle(), bundle);
  }

  @Test
  public void domainTightensGlobalExemption_piiReaderStillMaskedByDomain() {
    // global.masks/mask-email has unless 'pii-reader'; finance.access/remask-email has none
    Decision decision = engine.decide(request(FINANCE_PII_READER, "finance.ledger").columns("email").build());
    assertPermit(decision, PERMIT_FINANCE);
    assertEquals(List.of(mask("email", ColumnType.STRING, MaskMethod.EMAIL,
        rule("finance.access", "remask-email", "1.0.0"))), decision.columns());
  }

  @Test
  public void globalExemption_withoutDomainRule_leavesColumnClear() {
    Subject reader = subject("rita", List.of(), List.of("pii-reader"), EU);
    Decision decision = engine.decide(request(reader, "sales.orders").columns("email").build());
    assertEquals(List.of(allow("email", ColumnType.STRING)), decision.columns());
  }

  @Test
  public void globalDeny_overridesDomainPermit() {
    Subject contractor = subject("carl", List.of("finance", "contractors"), List.of(), EU);
    Decision decision = engine.decide(request(contractor, "finance.ledger").build());
    assertDeny(decision, DENY_CONTRACTORS);
    assertEquals("Contractors are never let in.", decision.reasons().get(0).message());
    assertTrue(decision.appliedRules().contains(DENY_CONTRACTORS), decision.appliedRules()::toString);
  }

  @Test
  public void severalAccessDenies_reasonsListThemGlobalFirstThenSetIdThenRuleId() {
    Subject everything = subject("eve", List.of("interns", "suspended", "finance", "contractors"), List.of(), EU);
    Decision decision = engine.decide(request(everything, "finance.ledger").build());
    assertDeny(decision, DENY_CONTRACTORS, rule("global.access", "deny-suspended", "1.0.0"),
        rule("finance.access", "deny-all-for-interns", "1.0.0"));
  }

  @Test
  public void noPermit_defaultDeny_reasonNoPermit() {
    assertNoPermit(engine.decide(request(NOBODY, "finance.ledger").build()));
  }

  @Test
  public void domainSet_doesNotApplyToAnotherDomainsProduct() {
    // sales.access/permit-everyone has no match: it permits every sales product and nothing else
    Decision sales = engine.decide(request(NOBODY, "sales.orders").build());
    assertPermit(sales, rule("sales.access", "permit-everyone", "2.0.0"));
    assertEquals(List.of(
        allow("order_id", ColumnType.STRING),
        allow("region", ColumnType.STRING),
        mask("email", ColumnType.STRING, MaskMethod.EMAIL, GLOBAL_MASK_EMAIL),
        mask("amount", ColumnType.DECIMAL, MaskMethod.NULLIFY, rule("sales.access", "mask-amount", "2.0.0")),
        allow("created", ColumnType.DATE)),
        sales.columns());
    assertEquals(List.of(filter(OWN_REGION, "region == 'EU'")), sales.rowFilters());
    // ... and finance's unmatched permit-auditors does not open sales to anyone either way; on finance it does
    Subject auditor = subject("ada", List.of(), List.of("auditor"), EU);
    assertPermit(engine.decide(request(auditor, "finance.ledger").columns("account").build()),
        rule("finance.access", "permit-auditors", "1.0.0"));
  }

  @Test
  public void severalPermits_allListedGlobalFirst() {
    Subject employee = subject("emma", List.of("employees"), List.of("auditor"), EU);
    Decision decision = engine.decide(request(employee, "sales.orders").columns("order_id").build());
    assertPermit(decision, rule("global.access", "permit-employees-internal", "1.0.0"),
        rule("sales.access", "permit-everyone", "2.0.0"));
  }

  @Test
  public void severalColumnDenies_setIdBeforeRuleId() {
    // global.aaa/zz-deny-iban, global.bbb/aa-deny-iban, global.pci/z-deny-iban and finance's all apply
    Decision decision = engine.decide(request(FINANCE, "finance.ledger").columns("iban").purpose("settlement").build());
    assertEquals(List.of(deny("iban", ColumnType.STRING, rule("global.aaa", "zz-deny-iban", "1.0.0"))),
        decision.columns());
  }

  @Test
  public void severalColumnDenies_sameSet_ruleIdOrderNotFileOrder() {
    // global.pci declares b-deny-iban before a-deny-iban; both apply for purpose payments
    Decision decision = engine.decide(request(FINANCE, "finance.ledger").columns("iban").purpose("payments").build());
    assertEquals(List.of(deny("iban", ColumnType.STRING, rule("global.pci", "a-deny-iban", "1.0.0"))),
        decision.columns());
  }

  @Test
  public void columnDeny_beatsMask_evenWhenMaskIsFromTheSameSet() {
    Decision decision = engine.decide(request(FINANCE, "finance.ledger").columns("card").build());
    assertEquals(List.of(deny("card", ColumnType.STRING, rule("finance.access", "deny-card", "1.0.0"))),
        decision.columns());
  }
}
