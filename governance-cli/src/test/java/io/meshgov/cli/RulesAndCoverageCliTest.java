package io.meshgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.meshgov.cli.GovernanceCliTest.Run;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code test --coverage}, {@code --min-coverage} and {@code rules} (docs/cli.md), run in-process. */
class RulesAndCoverageCliTest {
  private static final String POLICIES = System.getProperty("meshgov.policies");
  /** The example bundle whose tests leave two rules unapplied. */
  private static final String COVERAGE_EXAMPLE = Path.of(POLICIES).resolveSibling("docs/examples/coverage").toString();

  private static Run run(String... args) {
    return GovernanceCliTest.run(args);
  }

  @Test
  void testCoverage_namesTheTwoUnappliedRulesAtFileLine_andStillExits0() {
    Run run = run("test", "--coverage", COVERAGE_EXAMPLE);
    assertEquals(0, run.exit(), run::err);
    List<String> lines = run.out().lines().toList();
    assertEquals("2 passed, 0 failed", lines.get(0));
    assertEquals("coverage: 7 of 9 rules applied by a test case (77.7 %)", lines.get(1));
    assertTrue(lines.contains("  shop.refunds@1.0.0     0 of 1     0.0 %"), run::out);
    int header = lines.indexOf("not applied by any test case:");
    assertEquals(List.of(
        "  domains/shop/holiday-v2.yaml:10: shop.holiday/hold-holiday-orders@2.0.0 (retention): not in force at any test case's time",
        "  domains/shop/refunds.yaml:9: shop.refunds/no-cards-in-exports@1.0.0 (access)"),
        lines.subList(header + 1, lines.size()));
  }

  @Test
  void testWithoutCoverage_printsTheSummaryLineOnly() {
    Run run = run("test", COVERAGE_EXAMPLE);
    assertEquals(List.of("2 passed, 0 failed"), run.out().lines().toList());
  }

  @Test
  void minCoverage_belowExits1_atOrAboveExits0() {
    Run below = run("test", "--min-coverage", "80", COVERAGE_EXAMPLE);
    assertEquals(1, below.exit(), below::out);
    assertTrue(below.out().contains("coverage 77.7 % is below --min-coverage 80.0 %"), below::out);
    Run above = run("test", "--min-coverage", "77", COVERAGE_EXAMPLE);
    assertEquals(0, above.exit(), above::out);
    Run shipped = run("test", "--min-coverage", "100", "--policies", POLICIES);
    assertEquals(0, shipped.exit(), shipped::out);
    assertTrue(shipped.out().contains("not counted: finance.fraud-screening@1.0.0 is evaluated by OPA"), shipped::out);
  }

  @Test
  void rules_text_listsEachRuleAtFileLineWithWhyAndConditions() {
    Run run = run("rules", "finance.invoice_payments", "--column", "card_number", "--at", "2026-11-24T10:00:00Z",
        "--policies", POLICIES);
    assertEquals(0, run.exit(), run::err);
    String out = run.out();
    assertTrue(out.startsWith("12 rules can apply to finance.invoice_payments, column card_number; 11 in force at 2026-11-24T10:00:00Z"), out);
    assertTrue(out.contains("""
        domains/finance/card-data-v1.yaml:15: finance.card-data/card-numbers-stay-masked@1.0.0 (mask, column card_number): mask partial {showFirst=6, showLast=4, maskChar=*}
          not in force at 2026-11-24T10:00:00Z: in force from 2026-01-01T00:00:00Z until 2026-07-01T00:00:00Z
          why: scope domain:finance (the product's domain)
          why: match.products.ids: finance.invoice_payments
          why: match.columns.tags: pii.card_number (column card_number)
        """), out);
    assertTrue(out.contains("  match.actions: export\n"), out);
    assertTrue(out.contains("  unless: 'fraud-investigator' in subject.roles && request.purpose == 'fraud-investigation'\n"), out);
  }

  @Test
  void rules_json_carriesTheSameFields() throws Exception {
    Run run = run("rules", "marketing.campaign_contacts", "--format", "json", "--at", "2026-11-24", "--policies", POLICIES);
    assertEquals(0, run.exit(), run::err);
    JsonNode document = new JsonMapper().readTree(run.out());
    assertEquals("2026-11-24T00:00:00Z", document.get("at").asText());
    JsonNode first = document.get("rules").get(0);
    assertTrue(first.get("file").asText().endsWith(".yaml"), first::toString);
    assertTrue(first.get("line").asInt() > 0, first::toString);
    assertTrue(first.get("reasons").size() > 0, first::toString);
  }

  @Test
  void rules_unknownProductOrColumn_exit2_withDidYouMean() {
    Run product = run("rules", "finance.invoice_paymnts", "--policies", POLICIES);
    assertEquals(2, product.exit());
    assertEquals("<command line>:0:0: unknown product 'finance.invoice_paymnts' [unknown-product] help: did you mean "
        + "'finance.invoice_payments'?", product.err().strip());
    assertEquals("", product.out());
    Run column = run("rules", "finance.invoice_payments", "--column", "card_numbr", "--policies", POLICIES);
    assertEquals(2, column.exit());
    assertTrue(column.err().contains("did you mean 'card_number'?"), column::err);
  }

  @Test
  void rules_badInstant_isAUsageError_exit2() {
    Run run = run("rules", "finance.invoice_payments", "--at", "yesterday", "--policies", POLICIES);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("'yesterday' is not a date or timestamp"), run::err);
  }
}
