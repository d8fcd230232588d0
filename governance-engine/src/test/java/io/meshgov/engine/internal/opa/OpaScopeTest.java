package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.AT;
import static io.meshgov.engine.internal.opa.OpaTestSupport.fixture;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BundleRejectedException;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.api.Problem;
import io.meshgov.api.Reason;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Severity;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scope (docs/policy-language.md, docs/opa.md): a domain OPA-backed set is consulted only for its own domain's products and
 * may not name another's; a global one for every product it matches; and whatever OPA answers
 * combines by §4, so it can tighten the council's rules but never loosen them.
 *
 * <p>Bundle {@code src/test/resources/opa/scope}: products finance.payments and marketing.contacts
 * (tagged screened) and finance.ledger; global.screening (OPA, products tagged screened),
 * finance.screening (OPA, no match: every finance product); the council permits employees, denies
 * contractors, masks e-mail ({@code email}) and card numbers ({@code hash}).
 */
class OpaScopeTest {
  private static final String GLOBAL_PATH = "meshgov/global/screening";
  private static final String FINANCE_PATH = "meshgov/finance/screening";
  private static final Subject EMPLOYEE = new Subject("emma", List.of("employees"), List.of(), Map.of());
  private static final Subject CONTRACTOR = new Subject("carl", List.of("employees", "contractors"), List.of(),
      Map.of());
  private static final Subject OUTSIDER = new Subject("olga", List.of("visitors"), List.of(), Map.of());

  @StartStop final MockWebServer opa = new MockWebServer();
  private final OpaTestDispatcher dispatcher = new OpaTestDispatcher();

  @BeforeEach
  void dispatch() {
    opa.setDispatcher(dispatcher);
  }

  private GovernanceEngine engine() {
    return GovernanceEngine.builder().bundle(fixture("scope")).opa(settings(opa).build()).build();
  }

  private static AccessRequest request(Subject subject, String product, String... columns) {
    return AccessRequest.builder().subject(subject).product(product).columns(columns).purpose("analysis").at(AT)
        .build();
  }

  private static OpaConsultation global(int n) {
    return new OpaConsultation("global.screening", "1.0.0", "global-" + n, false, false, null);
  }

  private static OpaConsultation finance(int n) {
    return new OpaConsultation("finance.screening", "1.0.0", "finance-" + n, false, false, null);
  }

  private static List<String> reasonRules(Decision decision) {
    return decision.reasons().stream().map(Reason::rule).map(RuleReference::toString).toList();
  }

  @Test
  void domainSet_isConsultedForItsOwnProducts() {
    try (GovernanceEngine engine = engine()) {
      Decision ledger = engine.decide(request(EMPLOYEE, "finance.ledger"));
      assertEquals(Effect.PERMIT, ledger.effect());
      assertEquals(List.of(finance(1)), ledger.opa(), "finance.ledger is not tagged screened: finance's set only");
      assertEquals(1, dispatcher.count(FINANCE_PATH));
      assertEquals(0, dispatcher.count(GLOBAL_PATH));
    }
  }

  @Test
  void domainSet_isNeverConsultedForAnotherDomainsProduct() {
    try (GovernanceEngine engine = engine()) {
      Decision contacts = engine.decide(request(EMPLOYEE, "marketing.contacts"));
      assertEquals(Effect.PERMIT, contacts.effect());
      assertEquals(List.of(global(1)), contacts.opa());
      assertEquals(0, dispatcher.count(FINANCE_PATH), "finance's set must not see a marketing request");
      assertEquals(1, opa.getRequestCount());
      assertEquals(List.of(), engine.opaQueries(request(EMPLOYEE, "marketing.contacts")).stream()
          .filter(query -> query.policySet().equals("finance.screening")).toList());
    }
  }

  @Test
  void domainSet_isNeverConsultedForAnInlineProductOfAnotherDomain() {
    DataProduct inline = new DataProduct("marketing.leads", "marketing", "marketing-data@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), List.of(Column.of("lead_id", ColumnType.STRING)));
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(AccessRequest.builder().subject(EMPLOYEE).product(inline).at(AT).build());
      assertEquals(Effect.PERMIT, decision.effect());
      assertEquals(List.of(), decision.opa());
      assertEquals(0, opa.getRequestCount());
    }
  }

  @Test
  void domainSet_isConsultedForAnInlineProductOfItsDomain() {
    DataProduct inline = new DataProduct("finance.forecasts", "finance", "finance-data@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), List.of(Column.of("forecast_id", ColumnType.STRING)));
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(AccessRequest.builder().subject(EMPLOYEE).product(inline).at(AT).build());
      assertEquals(List.of(finance(1)), decision.opa());
      assertEquals(0, dispatcher.count(GLOBAL_PATH));
    }
  }

  @Test
  void globalSet_isConsultedForEveryMatchedProduct_whateverItsDomain() {
    try (GovernanceEngine engine = engine()) {
      Decision payments = engine.decide(request(EMPLOYEE, "finance.payments", "payment_id"));
      Decision contacts = engine.decide(request(EMPLOYEE, "marketing.contacts", "contact_id"));
      assertEquals(List.of(global(1), finance(1)), payments.opa(), "global sets come before domain sets");
      assertEquals(List.of(global(2)), contacts.opa());
      assertEquals(2, dispatcher.count(GLOBAL_PATH));
      assertEquals(1, dispatcher.count(FINANCE_PATH));
    }
  }

  @Test
  void globalSet_failure_deniesAnotherDomainsProduct() {
    try (GovernanceEngine engine = engine()) {
      dispatcher.answer(GLOBAL_PATH, "{\"access\": \"maybe\"}");
      Decision contacts = engine.decide(request(EMPLOYEE, "marketing.contacts", "contact_id"));
      assertEquals(Effect.DENY, contacts.effect());
      assertEquals(List.of("global.screening/opa@1.0.0"), reasonRules(contacts));
      assertTrue(contacts.reasons().get(0).message().startsWith("OPA-backed policy set global.screening@1.0.0 "
          + "(data path meshgov/global/screening) gave no usable answer"), contacts.reasons().get(0).message());
    }
  }

  @Test
  void domainSet_namingAnotherDomainsProduct_isRejected() {
    BundleRejectedException rejected = assertThrows(BundleRejectedException.class,
        () -> GovernanceEngine.builder().bundle(fixture("cross-domain")).opa(settings(opa).build()).build());
    List<Problem> errors = rejected.problems().stream().filter(Problem::isError).toList();
    assertEquals(List.of(
        new Problem(Severity.ERROR, "cross-domain", "domains/finance/screening.yaml", 10, 46,
            "product 'marketing.contacts' belongs to domain 'marketing'; a domain:finance policy set may only name "
                + "products of domain 'finance'",
            "move the rule to a policy set of domain 'marketing', or ask the governance council for a global rule"),
        new Problem(Severity.ERROR, "cross-domain", "domains/finance/screening.yaml", 10, 77,
            "a domain:finance policy set may not target domain 'marketing'",
            "remove 'marketing', or ask the governance council for a global rule")), errors);
    assertEquals(0, opa.getRequestCount());
  }

  @Test
  void domainSet_namingAnotherDomainsProduct_isAValidationError() {
    List<Problem> problems = GovernanceEngine.builder().bundle(fixture("cross-domain")).opa(OpaSettings.builder(java.net.URI.create("http://127.0.0.1:1")).build()).validate();
    assertEquals(List.of("domains/finance/screening.yaml:10:46 cross-domain",
        "domains/finance/screening.yaml:10:77 cross-domain"), problems.stream().filter(Problem::isError)
        .map(p -> p.file() + ":" + p.line() + ":" + p.column() + " " + p.code()).toList());
  }

  // ---- OPA contributions combine by §4: they tighten, never loosen ----

  @Test
  void opaPermit_cannotOverrideACouncilDeny() {
    dispatcher.answer(FINANCE_PATH, "{\"access\": \"permit\", \"reasons\": [{\"rule\": \"vip\", \"message\": "
        + "\"trusted\"}]}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(CONTRACTOR, "finance.ledger"));
      assertEquals(Effect.DENY, decision.effect());
      assertEquals(List.of("global.access/deny-contractors@1.0.0"), reasonRules(decision));
      assertTrue(decision.columns().isEmpty());
    }
  }

  @Test
  void opaPermit_permitsWhatNoNativeRulePermits() {
    dispatcher.answer(FINANCE_PATH, "{\"access\": \"permit\", \"reasons\": [{\"rule\": \"vip\", \"message\": "
        + "\"trusted\"}]}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(OUTSIDER, "finance.ledger"));
      assertEquals(Effect.PERMIT, decision.effect());
      assertEquals(List.of(new Reason(new RuleReference("finance.screening/vip", "1.0.0"), Effect.PERMIT, "trusted")),
          decision.reasons());
    }
  }

  @Test
  void opaDeny_beatsACouncilPermit() {
    dispatcher.answer(FINANCE_PATH, "{\"access\": \"deny\", \"reasons\": [{\"rule\": \"fraud-hold\", \"message\": "
        + "\"account under review\"}]}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(EMPLOYEE, "finance.ledger"));
      assertEquals(Effect.DENY, decision.effect());
      assertEquals(List.of(new Reason(new RuleReference("finance.screening/fraud-hold", "1.0.0"), Effect.DENY,
          "account under review")), decision.reasons());
    }
  }

  @Test
  void opaAllow_cannotLiftACouncilMask() {
    dispatcher.answer(FINANCE_PATH, "{\"columns\": {\"email\": {\"effect\": \"allow\"}}}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(EMPLOYEE, "finance.payments", "email"));
      assertEquals(Effect.PERMIT, decision.effect());
      ColumnDecision email = decision.column("email");
      assertEquals(ColumnEffect.MASK, email.effect());
      assertEquals(MaskMethod.EMAIL, email.mask().method());
      assertEquals(new RuleReference("global.pii/mask-email", "1.0.0"), email.rule());
    }
  }

  @Test
  void opaMask_lessRestrictiveThanTheCouncils_loses() {
    dispatcher.answer(FINANCE_PATH, "{\"columns\": {\"email\": {\"effect\": \"mask\", \"method\": \"partial\", "
        + "\"showFirst\": 3, \"rule\": \"peek\"}}}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(EMPLOYEE, "finance.payments", "email"));
      ColumnDecision email = decision.column("email");
      assertEquals(MaskMethod.EMAIL, email.mask().method());
      assertEquals(new RuleReference("global.pii/mask-email", "1.0.0"), email.rule());
    }
  }

  @Test
  void opaMask_moreRestrictiveThanTheCouncils_wins() {
    dispatcher.answer(FINANCE_PATH, "{\"columns\": {\"card_number\": {\"effect\": \"mask\", \"method\": \"redact\", "
        + "\"replacement\": \"[card]\", \"rule\": \"redact-cards\"}}}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(EMPLOYEE, "finance.payments", "card_number"));
      ColumnDecision card = decision.column("card_number");
      assertEquals(MaskMethod.REDACT, card.mask().method());
      assertEquals(Map.of("replacement", "[card]"), card.mask().parameters());
      assertEquals(new RuleReference("finance.screening/redact-cards", "1.0.0"), card.rule());
    }
  }

  @Test
  void opaColumnDeny_beatsACouncilMask() {
    dispatcher.answer(FINANCE_PATH, "{\"columns\": {\"email\": {\"effect\": \"deny\"}}}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(EMPLOYEE, "finance.payments", "email", "payment_id"));
      assertEquals(Effect.PERMIT, decision.effect());
      ColumnDecision email = decision.column("email");
      assertEquals(ColumnEffect.DENY, email.effect());
      assertNull(email.mask());
      assertEquals(new RuleReference("finance.screening/opa", "1.0.0"), email.rule());
      assertEquals(ColumnEffect.ALLOW, decision.column("payment_id").effect());
    }
  }

  @Test
  void globalAndDomainSets_bothContribute() {
    dispatcher.answer(GLOBAL_PATH, "{\"rowFilters\": [{\"rule\": \"eu\", \"expression\": \"region == 'EU'\"}]}");
    dispatcher.answer(FINANCE_PATH, "{\"rowFilters\": [{\"rule\": \"big\", \"expression\": \"amount > 100.0\"}]}");
    try (GovernanceEngine engine = engine()) {
      Decision decision = engine.decide(request(EMPLOYEE, "finance.payments", "payment_id"));
      assertEquals(Effect.PERMIT, decision.effect());
      assertEquals(List.of("global.screening/eu@1.0.0 region == 'EU'", "finance.screening/big@1.0.0 amount > 100.0"),
          decision.rowFilters().stream().map(f -> f.rule() + " " + f.expression()).toList());
    }
  }

  @Test
  void twoSets_shareOneDeadline_andTheSecondIsNotAskedOnceItPassed() {
    dispatcher.delay(GLOBAL_PATH, 5_000);
    OpaSettings settings = OpaSettings.builder(java.net.URI.create(opa.url("/").toString()))
        .callTimeout(java.time.Duration.ofMillis(200)).build();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(fixture("scope")).opa(settings).build()) {
      Decision decision = engine.decide(request(EMPLOYEE, "finance.payments", "payment_id"));
      assertEquals(Effect.DENY, decision.effect());
      assertEquals(List.of("global.screening/opa@1.0.0", "finance.screening/opa@1.0.0"), reasonRules(decision));
      assertEquals(List.of(
          new OpaConsultation("global.screening", "1.0.0", null, false, false, "timeout"),
          new OpaConsultation("finance.screening", "1.0.0", null, false, false, "timeout")), decision.opa());
      List<String> messages = decision.reasons().stream().map(io.meshgov.api.Reason::message).toList();
      assertTrue(messages.get(0).endsWith("OPA did not answer within 200 ms (the call deadline)")
          || messages.get(0).endsWith("OPA did not answer within the read timeout of 200 ms"), messages.get(0));
      assertTrue(messages.get(1).endsWith("the decision's OPA deadline of 200 ms passed before this set was asked"),
          messages.get(1));
      assertEquals(0, dispatcher.count(FINANCE_PATH), "the deadline is the decision's, not each set's");
    }
  }
}
