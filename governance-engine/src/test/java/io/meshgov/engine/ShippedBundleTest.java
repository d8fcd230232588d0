package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.DataProduct;
import io.meshgov.api.PolicyTestReport;
import io.meshgov.api.Problem;
import io.meshgov.engine.audit.InMemoryAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundle shipped in {@code policies/} (system property {@code meshgov.policies}, set by this
 * module's surefire configuration) is valid and passes its own PolicyTests.
 */
class ShippedBundleTest {

  private static Path policies() {
    String property = System.getProperty("meshgov.policies");
    assertNotNull(property, "system property meshgov.policies must name the shipped bundle");
    Path path = Path.of(property);
    assertTrue(Files.isRegularFile(path.resolve("bundle.yaml")), () -> path + " holds no bundle.yaml");
    return path;
  }

  @Test
  void shippedBundle_policyTests_atLeast30AllPass() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(policies())
        .clock(InstantSource.fixed(Instant.parse("2026-11-24T10:00:00Z"))).build()) {
      PolicyTestReport report = engine.runPolicyTests();
      String failures = report.cases().stream().filter(result -> !result.passed())
          .map(result -> result.file() + ":" + result.line() + ":" + result.column() + ": " + result.suite() + " / " + result.name()
              + "\n    " + String.join("\n    ", result.failures()))
          .collect(Collectors.joining("\n"));
      assertTrue(report.cases().size() >= 30, () -> "only " + report.cases().size() + " policy test cases");
      assertEquals(0, report.failed(), () -> report.failed() + " of " + report.cases().size()
          + " policy test cases failed:\n" + failures);
      assertEquals(report.cases().size(), report.passed());
    }
  }

  @Test
  void runPolicyTests_auditedEngine_writesNoAuditRecord() {
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(policies()).auditSink(audit)
        .clock(InstantSource.fixed(Instant.parse("2026-11-24T10:00:00Z"))).build()) {
      PolicyTestReport report = engine.runPolicyTests();

      assertTrue(report.cases().size() >= 30);
      assertEquals(List.of(), audit.records(), "policy test decisions are not accesses to data");
    }
  }

  @Test
  void simulate_decidesAsDecideDoes_withoutAnAuditRecord() {
    InMemoryAuditSink audit = new InMemoryAuditSink();
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(policies()).auditSink(audit)
        .clock(InstantSource.fixed(Instant.parse("2026-11-24T10:00:00Z"))).build()) {
      io.meshgov.api.AccessRequest request = io.meshgov.api.AccessRequest.builder()
          .subject(new io.meshgov.api.Subject("alice", List.of("employees", "finance"), List.of("analyst"),
              java.util.Map.of("region", "EU", "legal_entity", "MG-DE")))
          .product("finance.invoice_payments").purpose("reporting").build();

      io.meshgov.api.Decision simulated = engine.simulate(request);
      assertEquals(List.of(), audit.records(), "a simulation reads nothing");
      io.meshgov.api.Decision decided = engine.decide(request);
      assertEquals(1, audit.records().size());
      assertEquals(decided.effect(), simulated.effect());
      assertEquals(decided.columns(), simulated.columns());
      assertEquals(decided.rowFilters(), simulated.rowFilters());
      assertEquals(decided.retention(), simulated.retention());
    }
  }

  @Test
  void shippedBundle_validates_withoutErrors() {
    List<Problem> problems = GovernanceEngine.builder().bundle(policies()).validate();
    List<Problem> errors = problems.stream().filter(Problem::isError).toList();
    assertEquals(List.of(), errors, () -> "errors:\n" + errors.stream().map(Problem::format)
        .collect(Collectors.joining("\n")));
  }

  /** The SQL renderer finds each shipped product's table by dialect: Trino in catalog memory, the others bare. */
  @Test
  void shippedBundle_everyProductBindsItsTableInEveryDialect() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(policies()).build()) {
      assertFalse(engine.catalog().isEmpty());
      for (DataProduct product : engine.catalog().values()) {
        Map<String, String> tables = new java.util.HashMap<>(product.bindings());
        tables.keySet().removeIf(key -> key.endsWith("-archive"));
        assertEquals(Map.of("postgresql", product.id(), "trino", "memory." + product.id(), "spark", product.id()),
            tables, product.id());
      }
    }
  }

  /** The archived product names its archive table, so the retention job knows where rows go. */
  @Test
  void shippedBundle_theArchivedProductBindsItsArchiveTable() {
    try (GovernanceEngine engine = GovernanceEngine.builder().bundle(policies()).build()) {
      DataProduct suppliers = engine.product("supply_chain.suppliers").orElseThrow();
      assertEquals(java.util.Optional.of("supply_chain.suppliers_archive"), suppliers.archiveBinding("postgresql"));
      assertEquals(java.util.Optional.empty(), suppliers.archiveBinding("trino"));
    }
  }
}
