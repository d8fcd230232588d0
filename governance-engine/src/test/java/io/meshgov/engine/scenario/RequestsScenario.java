package io.meshgov.engine.scenario;

import static io.meshgov.engine.scenario.Scenarios.allow;
import static io.meshgov.engine.scenario.Scenarios.assertNoPermit;
import static io.meshgov.engine.scenario.Scenarios.assertPermit;
import static io.meshgov.engine.scenario.Scenarios.deny;
import static io.meshgov.engine.scenario.Scenarios.filter;
import static io.meshgov.engine.scenario.Scenarios.mask;
import static io.meshgov.engine.scenario.Scenarios.request;
import static io.meshgov.engine.scenario.Scenarios.rule;
import static io.meshgov.engine.scenario.Scenarios.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.BatchOutcome;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.MaskMethod;
import io.meshgov.api.Problem;
import io.meshgov.api.ProductReference;
import io.meshgov.api.RequestException;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import io.meshgov.engine.json.RequestReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/request-and-decision.md, requests: column order, unknown product or column as a request error (not a deny),
 * inline products, batches with a bad item. Bundle {@code scenarios/combining}.
 */
public class RequestsScenario {
  private static final Map<String, String> EU = Map.of("region", "EU");
  private static final Subject FINANCE = subject("fay", List.of("finance"), List.of(), EU);
  private static final Subject NOBODY = subject("nick", List.of(), List.of(), EU);

  private static InMemoryAuditSink audit;
  private static GovernanceEngine engine;

  @BeforeAll
  public static void load() {
    audit = new InMemoryAuditSink();
    engine = Scenarios.engine("combining", audit);
  }

  @AfterAll
  public static void close() {
    engine.close();
  }

  @BeforeEach
  public void clearAudit() {
    audit.clear();
  }

  @Test
  public void columns_comeInRequestOrder() {
    Decision decision = engine.decide(request(FINANCE, "finance.ledger").columns("booked", "card", "account", "email")
        .build());
    assertEquals(List.of(
        allow("booked", ColumnType.DATE),
        deny("card", ColumnType.STRING, rule("finance.access", "deny-card", "1.0.0")),
        allow("account", ColumnType.STRING),
        mask("email", ColumnType.STRING, MaskMethod.EMAIL, rule("global.masks", "mask-email", "1.2.0"))),
        decision.columns());
  }

  @Test
  public void noColumns_allInCatalogOrder() {
    Decision decision = engine.decide(request(NOBODY, "sales.orders").build());
    assertEquals(List.of("order_id", "region", "email", "amount", "created"),
        decision.columns().stream().map(c -> c.name()).toList());
  }

  @Test
  public void unknownProduct_isARequestError_notADeny_andNotAudited() {
    RequestException e = assertThrows(RequestException.class,
        () -> engine.decide(request(FINANCE, "finance.ledgr").build()));
    assertEquals(1, e.problems().size());
    Problem problem = e.problems().get(0);
    assertEquals("unknown-product", problem.code());
    assertEquals("unknown product 'finance.ledgr'", problem.message());
    assertEquals("did you mean 'finance.ledger'?", problem.help());
    assertTrue(problem.isError());
    assertEquals(List.of(), audit.records());
  }

  @Test
  public void unknownColumns_everyOneReported() {
    RequestException e = assertThrows(RequestException.class,
        () -> engine.decide(request(FINANCE, "finance.ledger").columns("acount", "amount", "nothing_like_it").build()));
    assertEquals(List.of("unknown-column", "unknown-column"), e.problems().stream().map(Problem::code).toList());
    assertEquals("product 'finance.ledger' has no column 'acount'", e.problems().get(0).message());
    assertEquals("did you mean 'account'?", e.problems().get(0).help());
    assertEquals("product 'finance.ledger' has no column 'nothing_like_it'", e.problems().get(1).message());
    assertEquals(List.of(), audit.records());
  }

  @Test
  public void unknownColumn_evenForADeniedSubject_isARequestError() {
    assertThrows(RequestException.class, () -> engine.decide(request(NOBODY, "finance.ledger").columns("nope").build()));
  }

  @Test
  public void duplicateColumn_isARequestError() {
    RequestException e = assertThrows(RequestException.class,
        () -> engine.decide(request(FINANCE, "finance.ledger").columns("account", "account").build()));
    assertEquals("duplicate-column", e.problems().get(0).code());
  }

  @Test
  public void inlineProduct_domainAndGlobalRulesApply_missingFilterColumnHidesEverything() {
    DataProduct popUp = new DataProduct("sales.pop_up", "sales", "sales@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), List.of(
            Column.of("city", ColumnType.STRING),
            Column.of("amount", ColumnType.DECIMAL),
            Column.of("contact", ColumnType.STRING, "pii.email")));
    Decision decision = engine.decide(AccessRequest.builder().subject(NOBODY).product(popUp)
        .columns("contact", "amount", "city").at(Scenarios.AT).build());
    assertPermit(decision, rule("sales.access", "permit-everyone", "2.0.0"));
    assertEquals(new ProductReference("sales.pop_up", "0.1.0"), decision.product());
    assertEquals(List.of(
        mask("contact", ColumnType.STRING, MaskMethod.EMAIL, rule("global.masks", "mask-email", "1.2.0")),
        mask("amount", ColumnType.DECIMAL, MaskMethod.NULLIFY, rule("sales.access", "mask-amount", "2.0.0")),
        allow("city", ColumnType.STRING)),
        decision.columns());
    // global.residency/own-region filters on region, which this product lacks: no row is visible
    assertEquals(List.of(filter(rule("global.residency", "own-region", "1.0.0"), "false")), decision.rowFilters());
    assertEquals(1, audit.records().size());
    assertEquals("sales.pop_up", audit.records().get(0).product());
    assertEquals("0.1.0", audit.records().get(0).productVersion());
  }

  @Test
  public void inlineProduct_ofAnotherDomain_getsNoSalesPermit() {
    DataProduct other = new DataProduct("ops.tmp", "ops", "ops@example.com", "1.0.0", Classification.INTERNAL,
        List.of(), List.of(Column.of("region", ColumnType.STRING)));
    assertNoPermit(engine.decide(AccessRequest.builder().subject(NOBODY).product(other).at(Scenarios.AT).build()));
  }

  @Test
  public void inlineProduct_builtInJava_withBadBindings_isARequestError() {
    DataProduct popUp = new DataProduct("sales.pop_up", "sales", "sales@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), List.of(Column.of("city", ColumnType.STRING)),
        Map.of("postgres", "sales.pop_up"));
    RequestException unknownDialect = assertThrows(RequestException.class,
        () -> engine.decide(AccessRequest.builder().subject(NOBODY).product(popUp).at(Scenarios.AT).build()));
    assertEquals(List.of("unknown-key"), unknownDialect.problems().stream().map(Problem::code).toList());
    assertEquals("did you mean 'postgresql'?", unknownDialect.problems().get(0).help());
    DataProduct emptyPart = new DataProduct("sales.pop_up", "sales", "sales@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), List.of(Column.of("city", ColumnType.STRING)),
        Map.of("trino", "memory..pop_up"));
    RequestException malformed = assertThrows(RequestException.class,
        () -> engine.decide(AccessRequest.builder().subject(NOBODY).product(emptyPart).at(Scenarios.AT).build()));
    assertEquals(List.of("invalid-name"), malformed.problems().stream().map(Problem::code).toList());
  }

  @Test
  public void inlineProduct_builtInJava_withBindings_isDecidedAsWithout() {
    List<Column> columns = List.of(Column.of("city", ColumnType.STRING), Column.of("amount", ColumnType.DECIMAL));
    DataProduct unbound = new DataProduct("sales.pop_up", "sales", "sales@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), columns);
    DataProduct bound = new DataProduct("sales.pop_up", "sales", "sales@example.com", "0.1.0",
        Classification.INTERNAL, List.of(), columns, Map.of("trino", "memory.sales.pop_up"));
    Decision withoutBindings = engine.decide(AccessRequest.builder().subject(NOBODY).product(unbound).at(Scenarios.AT).build());
    Decision withBindings = engine.decide(AccessRequest.builder().subject(NOBODY).product(bound).at(Scenarios.AT).build());
    assertEquals(withoutBindings.effect(), withBindings.effect());
    assertEquals(withoutBindings.columns(), withBindings.columns());
    assertEquals(withoutBindings.rowFilters(), withBindings.rowFilters());
  }

  @Test
  public void inlineProduct_fromJson_isReadAndDecided() {
    RequestReader reader = new RequestReader(engine.catalog(), LoadLimits.DEFAULTS);
    RequestReader.Requests requests = reader.read("inline.json", """
        {"subject": {"id": "nick", "attributes": {"region": "EU"}},
         "product": {"metadata": {"id": "sales.pop_up", "domain": "sales", "owner": "s@example.com", "version": "0.2.0"},
                     "classification": "internal",
                     "columns": [{"name": "region", "type": "string"}, {"name": "amount", "type": "decimal"}]},
         "at": "2026-11-24T10:00:00Z"}
        """);
    assertEquals(List.of(), requests.items().get(0).problems());
    Decision decision = engine.decide(requests.items().get(0).request());
    assertEquals(new ProductReference("sales.pop_up", "0.2.0"), decision.product());
    assertEquals(List.of(allow("region", ColumnType.STRING),
        mask("amount", ColumnType.DECIMAL, MaskMethod.NULLIFY, rule("sales.access", "mask-amount", "2.0.0"))),
        decision.columns());
    assertEquals(List.of(filter(rule("global.residency", "own-region", "1.0.0"), "region == 'EU'")),
        decision.rowFilters());
  }

  @Test
  public void requestReader_unknownKey_isAProblemAtItsPosition() {
    RequestReader reader = new RequestReader(engine.catalog(), LoadLimits.DEFAULTS);
    RequestReader.Requests requests = reader.read("typo.json",
        "{\"subject\": {\"id\": \"nick\"},\n \"product\": \"sales.orders\",\n \"colums\": [\"region\"]}");
    RequestReader.Item item = requests.items().get(0);
    assertNull(item.request());
    assertEquals(1, item.problems().size(), item.problems()::toString);
    Problem problem = item.problems().get(0);
    assertEquals("unknown-key", problem.code());
    assertEquals("typo.json", problem.file());
    assertEquals(3, problem.line());
    assertEquals(2, problem.column());
  }

  @Test
  public void requestReader_numberForAString_isWrongType_neverCoerced() {
    RequestReader reader = new RequestReader(engine.catalog(), LoadLimits.DEFAULTS);
    RequestReader.Requests requests = reader.read("purpose.json",
        "{\"subject\": {\"id\": \"nick\", \"attributes\": {\"region\": 3}},\n \"product\": \"sales.orders\",\n \"purpose\": 42}");
    RequestReader.Item item = requests.items().get(0);
    assertNull(item.request());
    assertEquals(List.of(
        "purpose.json:1:53: attribute 'region' of 'subject' must be a string, not a number (3) [wrong-type] "
            + "help: write it as a string: \"3\"",
        "purpose.json:3:13: 'purpose' of a request must be a string, not a number (42) [wrong-type] "
            + "help: write it as a string: \"42\""),
        item.problems().stream().map(Problem::format).toList());
  }

  @Test
  public void requestReader_batch_aWrongTypeRejectsOnlyItsItem() {
    RequestReader reader = new RequestReader(engine.catalog(), LoadLimits.DEFAULTS);
    RequestReader.Requests requests = reader.read("batch.json", """
        [{"subject": {"id": "nick"}, "product": "sales.orders", "purpose": "reporting"},
         {"subject": {"id": "nick", "groups": ["sales", true]}, "product": "sales.orders"}]
        """);
    assertTrue(requests.batch());
    assertEquals("reporting", requests.items().get(0).request().purpose());
    RequestReader.Item bad = requests.items().get(1);
    assertNull(bad.request());
    assertEquals(List.of("batch.json:2:49: an item of 'groups' in 'subject' must be a string, not a boolean (true) "
        + "[wrong-type] help: write it as a string: \"true\""), bad.problems().stream().map(Problem::format).toList());
  }

  @Test
  public void requestReader_yaml_norwayMustBeQuoted_unquotedAtIsATimestamp() {
    RequestReader reader = new RequestReader(engine.catalog(), LoadLimits.DEFAULTS);
    RequestReader.Item norway = reader.read("ola.yaml",
        "subject: {id: ola, attributes: {region: NO}}\nproduct: sales.orders\nat: 2026-11-24\n").items().get(0);
    assertEquals(List.of("ola.yaml:1:41: attribute 'region' of 'subject' must be a string, not a boolean (NO) "
        + "[wrong-type] help: write it as a string: \"NO\""), norway.problems().stream().map(Problem::format).toList());
    RequestReader.Item quoted = reader.read("ola.yaml",
        "subject: {id: ola, attributes: {region: \"NO\"}}\nproduct: sales.orders\nat: 2026-11-24\n").items().get(0);
    assertEquals(List.of(), quoted.problems());
    assertEquals(Map.of("region", "NO"), quoted.request().subject().attributes());
    assertEquals(java.time.Instant.parse("2026-11-24T00:00:00Z"), quoted.request().at());
  }

  @Test
  public void decideAll_badItemsRejectOnlyThemselves() {
    List<AccessRequest> batch = List.of(
        request(FINANCE, "finance.ledger").columns("account").build(),
        request(FINANCE, "finance.nothing").build(),
        request(FINANCE, "finance.ledger").columns("acount").build(),
        request(NOBODY, "finance.ledger").build());
    List<BatchOutcome> outcomes = engine.decideAll(batch);
    assertEquals(4, outcomes.size());
    Decision first = assertInstanceOf(BatchOutcome.Decided.class, outcomes.get(0)).decision();
    assertPermit(first, rule("finance.access", "permit-finance", "1.0.0"));
    assertEquals(List.of(allow("account", ColumnType.STRING)), first.columns());
    RequestException product = assertInstanceOf(BatchOutcome.Rejected.class, outcomes.get(1)).error();
    assertEquals("unknown-product", product.problems().get(0).code());
    RequestException column = assertInstanceOf(BatchOutcome.Rejected.class, outcomes.get(2)).error();
    assertEquals("unknown-column", column.problems().get(0).code());
    Decision last = assertInstanceOf(BatchOutcome.Decided.class, outcomes.get(3)).decision();
    assertNoPermit(last);
    // one audit record per decision, none for the rejected items
    assertEquals(List.of(first.decisionId(), last.decisionId()),
        audit.records().stream().map(r -> r.decisionId()).toList());
  }
}
