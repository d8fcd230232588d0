package io.meshgov.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.RowFilter;
import io.meshgov.api.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Found in review: readings of rule matching that had shown more than they should. */
class FailClosedMatchTest {
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  @TempDir Path bundle;

  private GovernanceEngine engine(String rules) throws IOException {
    Files.writeString(bundle.resolve("bundle.yaml"), "apiVersion: meshgov/v1\nkind: Bundle\nmetadata: {name: t}\n");
    Files.createDirectories(bundle.resolve("products/sales"));
    Files.writeString(bundle.resolve("products/sales/orders.yaml"), String.join("\n",
        "apiVersion: meshgov/v1", "kind: DataProduct",
        "metadata: {id: sales.orders, domain: sales, owner: o, version: 1.0.0}",
        "classification: internal",
        "columns:",
        "  - {name: id, type: string}",
        "  - {name: region, type: string, tags: [geo]}",
        "  - {name: booked, type: date, tags: [geo.time]}", ""));
    Files.createDirectories(bundle.resolve("global"));
    Files.writeString(bundle.resolve("global/rules.yaml"), String.join("\n",
        "apiVersion: meshgov/v1", "kind: PolicySet",
        "metadata: {id: global.rules, version: 1.0.0, scope: global}", "rules:", rules, ""));
    return GovernanceEngine.builder().bundle(bundle).build();
  }

  private static AccessRequest request(String... columns) {
    return AccessRequest.builder().subject(new Subject("ann", List.of(), List.of(), Map.of("region", "EU")))
        .product("sales.orders").columns(columns).at(AT).build();
  }

  @Test
  void emptyMatchList_matchesNothing_andValidateWarns() throws IOException {
    try (GovernanceEngine engine = engine(
        "  - {id: permit-none, kind: access, effect: permit, match: {products: {ids: []}}}\n"
            + "  - {id: permit-no-action, kind: access, effect: permit, match: {actions: []}}")) {
      Decision decision = engine.decide(request("id"));
      assertEquals(Effect.DENY, decision.effect());
      assertEquals("no-permit", decision.reasons().get(0).rule().id());
      List<Problem> problems = GovernanceEngine.builder().bundle(bundle).validate();
      assertEquals(2, problems.stream().filter(p -> p.code().equals("empty-match")).count(), problems::toString);
    }
  }

  @Test
  void columnLevelRowFilter_holdsWhicheverColumnsAreRead() throws IOException {
    try (GovernanceEngine engine = engine(
        "  - {id: permit, kind: access, effect: permit}\n"
            + "  - {id: geo-rows, kind: row-filter, match: {columns: {tags: [geo]}}, filter: \"region == subject.attributes.region\"}\n"
            + "  - {id: geo-retention, kind: retention, match: {columns: {tags: [geo.time]}}, retention: {basis: booked, maximum: P1Y}}")) {
      Decision decision = engine.decide(request("id"));
      assertEquals(List.of("region == 'EU'", "booked >= timestamp('2025-11-24T10:00:00Z')"),
          decision.rowFilters().stream().map(RowFilter::expression).toList());
      assertTrue(decision.retention() != null && decision.retention().cutoff() != null);
    }
  }

  /** An inline product's domain picks the domain rules that apply, so it must own the id. */
  @Test
  void inlineProductFromJava_outsideItsDomain_isARequestError() throws IOException {
    try (GovernanceEngine engine = engine("  - {id: permit, kind: access, effect: permit}")) {
      io.meshgov.api.DataProduct disguised = new io.meshgov.api.DataProduct("sales.payroll", "hr", "o", "1.0.0",
          io.meshgov.api.Classification.PUBLIC, List.of(),
          List.of(io.meshgov.api.Column.of("a", io.meshgov.api.ColumnType.STRING),
              io.meshgov.api.Column.of("a", io.meshgov.api.ColumnType.STRING)));
      io.meshgov.api.RequestException e = org.junit.jupiter.api.Assertions.assertThrows(
          io.meshgov.api.RequestException.class,
          () -> engine.decide(AccessRequest.builder().subject(Subject.of("ann")).product(disguised).at(AT).build()));
      assertEquals(List.of("invalid-product-id", "duplicate-column"),
          e.problems().stream().map(Problem::code).toList());
    }
  }
}
