package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.allow;
import static io.meshgov.engine.scenario.Scenarios.assertDeny;
import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.deny;
import static io.meshgov.engine.scenario.Scenarios.filter;
import static io.meshgov.engine.scenario.Scenarios.mask;
import static io.meshgov.engine.scenario.Scenarios.partial;
import static io.meshgov.engine.scenario.Scenarios.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.Action;
import io.meshgov.api.ColumnType;
import io.meshgov.api.Decision;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/policy-language.md, {@code match}: every match field, hierarchical tags for columns and products, list-any
 * semantics, actions defaulting to all. Bundle {@code scenarios/matching}, one global set
 * ({@code global.matching}) and one hr set.
 */
public class MatchingScenario {
  private static final Subject ANYONE = Subject.of("ann");
  private static final RuleReference PERMIT_ALL = rule("permit-all");
  private static final Map<String, Object> PARTIAL_0_2 = partial(0, 2, "*");

  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    engine = Scenarios.engine("matching");
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  private static RuleReference rule(String id) {
    return Scenarios.rule("global.matching", id, "1.0.0");
  }

  @Test
  public void columnTags_parentMatchesChild_childNeverMatchesParentOrLookalike() {
    Decision decision = engine.decide(request(ANYONE, "sales.customers").build());
    assertPermit(decision, PERMIT_ALL);
    assertEquals(List.of(
        allow("id", ColumnType.STRING),
        // pii.email: rule tags pii.email (email) and pii (partial) both match; email is more restrictive
        mask("email", ColumnType.STRING, MaskMethod.EMAIL, rule("email-tag")),
        // pii: rule tag pii.email does not match its parent
        mask("contact", ColumnType.STRING, MaskMethod.PARTIAL, PARTIAL_0_2, rule("pii-tag")),
        // pii.emailx: pii.email is a prefix of the text but not a dotted ancestor
        mask("emailx", ColumnType.STRING, MaskMethod.PARTIAL, PARTIAL_0_2, rule("pii-tag")),
        // pii.phone.mobile: pii matches two levels down
        mask("phone", ColumnType.STRING, MaskMethod.PARTIAL, PARTIAL_0_2, rule("pii-tag")),
        // product tag regulated.gdpr matched by products.tags [regulated]
        mask("region", ColumnType.STRING, MaskMethod.REDACT, Map.of("replacement", "****"), rule("regulated-region"))),
        decision.columns());
    // classifications [restricted, confidential] matches a confidential product; domains [hr] does not
    assertEquals(List.of(filter(rule("sensitive-rows"), "region != 'XX'")), decision.rowFilters());
    assertEquals(Set.of(PERMIT_ALL, rule("email-tag"), rule("pii-tag"), rule("regulated-region"),
        rule("sensitive-rows")), Set.copyOf(decision.appliedRules()));
  }

  @Test
  public void productTags_ruleTagMoreSpecificThanProductTag_doesNotMatch() {
    // special-category (products.tags [regulated.gdpr.special]) would deny column id
    Decision decision = engine.decide(request(ANYONE, "sales.customers").columns("id").build());
    assertEquals(List.of(allow("id", ColumnType.STRING)), decision.columns());
  }

  @Test
  public void columnTags_lookAtColumnTagsOnly_notTheProductTags() {
    // sales.leads is tagged pii.email, its column email has no tag: no column rule matches it
    Decision decision = engine.decide(request(ANYONE, "sales.leads").build());
    assertPermit(decision, PERMIT_ALL);
    assertEquals(List.of(
        allow("email", ColumnType.STRING),
        mask("score", ColumnType.INTEGER, MaskMethod.DEFAULT, rule("numbers")),
        // domains [sales] AND classifications [internal] AND columns.names [region]
        mask("region", ColumnType.STRING, MaskMethod.HASH, rule("and-fields"))),
        decision.columns());
    assertEquals(List.of(), decision.rowFilters());
    assertEquals(Set.of(PERMIT_ALL, rule("numbers"), rule("and-fields")), Set.copyOf(decision.appliedRules()));
  }

  @Test
  public void productTags_parentRuleTagMatchesProductTag_exportDenied() {
    Decision decision = engine.decide(request(ANYONE, "sales.leads").action(Action.EXPORT).build());
    assertDeny(decision, rule("no-export-pii-products"));
    assertEquals(Set.of(PERMIT_ALL, rule("no-export-pii-products")), Set.copyOf(decision.appliedRules()));
  }

  @Test
  public void productTags_unrelatedProductTag_exportPermitted() {
    assertPermit(engine.decide(request(ANYONE, "sales.customers").action(Action.EXPORT).build()), PERMIT_ALL);
  }

  @Test
  public void everyPresentField_mustMatch_confidentialProductMissesInternalOnlyRule() {
    Decision decision = engine.decide(request(ANYONE, "sales.customers").columns("region").build());
    // and-fields (internal only) did not apply; the redact comes from regulated-region
    assertEquals(Set.of(PERMIT_ALL, rule("regulated-region"), rule("sensitive-rows")),
        Set.copyOf(decision.appliedRules()));
  }

  @Test
  public void columnNamesAndTags_bothMustMatch() {
    // name-and-tag: names [email, id] and tags [pii.email]: only email has both
    Decision decision = engine.decide(request(ANYONE, "sales.customers").columns("id", "email", "contact")
        .purpose("strict").build());
    assertEquals(List.of(
        allow("id", ColumnType.STRING),
        deny("email", ColumnType.STRING, rule("name-and-tag")),
        mask("contact", ColumnType.STRING, MaskMethod.PARTIAL, PARTIAL_0_2, rule("pii-tag"))),
        decision.columns());
  }

  @Test
  public void productIdsAndDomains_listAny_matchEitherProduct() {
    Decision staff = engine.decide(request(ANYONE, "hr.staff").build());
    assertPermit(staff, PERMIT_ALL);
    assertEquals(List.of(
        mask("name", ColumnType.STRING, MaskMethod.PARTIAL, PARTIAL_0_2, rule("pii-tag")),
        mask("salary", ColumnType.DECIMAL, MaskMethod.DEFAULT, rule("numbers")),
        mask("region", ColumnType.STRING, MaskMethod.NULLIFY, rule("ids-any"))),
        staff.columns());
    assertEquals(List.of(filter(rule("hr-rows"), "region == 'EU'"), filter(rule("sensitive-rows"), "region != 'XX'")),
        staff.rowFilters());

    Decision teams = engine.decide(request(ANYONE, "hr.teams").build());
    assertPermit(teams, PERMIT_ALL);
    assertEquals(List.of(
        mask("team", ColumnType.STRING, MaskMethod.REDACT, Map.of("replacement", "#"),
            Scenarios.rule("hr.teams", "read-redacts-team", "1.0.0")),
        mask("region", ColumnType.STRING, MaskMethod.NULLIFY, rule("ids-any"))),
        teams.columns());
    // public: sensitive-rows (restricted, confidential) does not match
    assertEquals(List.of(filter(rule("hr-rows"), "region == 'EU'")), teams.rowFilters());
  }

  @Test
  public void actions_exportOnlyRuleSkipsRead_readOnlyRuleSkipsExport_unlistedActionsMeanAll() {
    Decision read = engine.decide(request(ANYONE, "hr.teams").columns("team").build());
    assertEquals(List.of(mask("team", ColumnType.STRING, MaskMethod.REDACT, Map.of("replacement", "#"),
        Scenarios.rule("hr.teams", "read-redacts-team", "1.0.0"))), read.columns());

    Decision export = engine.decide(request(ANYONE, "hr.teams").columns("team").action(Action.EXPORT).build());
    // permit-all has no actions: export is permitted too
    assertPermit(export, PERMIT_ALL);
    assertEquals(List.of(mask("team", ColumnType.STRING, MaskMethod.HASH, rule("export-hash-team"))),
        export.columns());
  }
}
