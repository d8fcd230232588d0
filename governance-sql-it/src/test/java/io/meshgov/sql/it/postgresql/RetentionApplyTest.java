package io.meshgov.sql.it.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.AuditSink;
import io.meshgov.api.Classification;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Effect;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RuleReference;
import io.meshgov.cli.retention.ProductOutcome;
import io.meshgov.cli.retention.ProductOutcome.Result;
import io.meshgov.cli.retention.ProductPlan;
import io.meshgov.cli.retention.RetentionPlanner;
import io.meshgov.cli.retention.RetentionRunner;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention plans carried out on a real PostgreSQL, in a Los Angeles session. The jobs are built
 * here as the engine builds them, so what is proven is the SQL and its execution: which rows go,
 * which stay, per-product transactions, dry runs and audit records. {@code RetentionApplyCliTest}
 * runs the same through the command line and the engine.
 */
@ExtendWith(PostgresExtension.class)
class RetentionApplyTest {
  private static final Instant AT = Instant.parse("2026-12-06T05:00:00Z");
  /** At 05:00 UTC: a date basis is its 00:00 UTC, and so before; in a Los Angeles session its local midnight is 08:00 UTC, after. */
  private static final Instant CUTOFF = Instant.parse("2019-12-06T05:00:00Z");
  private static final RuleReference MAXIMUM = RuleReference.of("global.retention", "seven-years", "1.0.0");
  private static final RuleReference MINIMUM = RuleReference.of("global.retention", "ten-years-minimum", "1.0.0");
  private static final RuleReference HOLD = RuleReference.of("global.retention", "litigation-hold", "1.0.0");

  private Connection session;
  private Connection runnerSession;
  private final List<AuditRecord> audited = new ArrayList<>();

  @BeforeEach
  void tables(EmbeddedPostgresServer server) throws SQLException {
    session = server.openSession();
    runnerSession = server.openSession();
    sql("DROP SCHEMA IF EXISTS ret CASCADE", "CREATE SCHEMA ret",
        "CREATE TABLE ret.by_day (id text, email text, phone text, booked date)",
        "INSERT INTO ret.by_day VALUES ('old', 'o@x', '1', DATE '2019-12-05'), ('cutoff-day', 'c@x', '2', DATE '2019-12-06'),"
            + " ('next-day', 'n@x', '3', DATE '2019-12-07'), ('recent', 'r@x', '4', DATE '2026-01-01'),"
            + " ('no-basis', 'u@x', '5', NULL)",
        "CREATE TABLE ret.by_instant (id text, seen timestamptz)",
        "INSERT INTO ret.by_instant VALUES ('just-before', TIMESTAMPTZ '2019-12-06 04:59:59.999999+00'),"
            + " ('at-cutoff', TIMESTAMPTZ '2019-12-06 05:00:00+00'), ('after', TIMESTAMPTZ '2020-06-01 00:00:00+00'),"
            + " ('no-basis', NULL)",
        "CREATE TABLE ret.by_instant_archive (LIKE ret.by_instant)");
  }

  @AfterEach
  void close() throws SQLException {
    sql("DROP SCHEMA IF EXISTS ret CASCADE");
    session.close();
    runnerSession.close();
  }

  // ----- which rows go

  @Test
  void delete_dateBasis_takesTheDaysBeforeTheCutoffInUtc_whateverTheSessionZone() throws SQLException {
    ProductOutcome outcome = apply(due(byDay(), "booked", RetentionAction.DELETE, List.of())).get(0);
    assertEquals(Result.DONE, outcome.result(), outcome::error);
    assertEquals(2, outcome.rows());
    assertEquals(List.of("next-day", "no-basis", "recent"), ids("ret.by_day"));
  }

  @Test
  void delete_timestampBasis_takesExactlyTheRowsBeforeTheCutoff_andNeverANullBasis() throws SQLException {
    ProductOutcome outcome = apply(due(byInstant(), "seen", RetentionAction.DELETE, List.of())).get(0);
    assertEquals(1, outcome.rows());
    assertEquals(List.of("after", "at-cutoff", "no-basis"), ids("ret.by_instant"));
  }

  @Test
  void theRowsDeletedAreExactlyTheRowsTheReadFilterHidesForTheirBasis() throws SQLException {
    // the read-time filter, as a decision's query renders it; the NULL-basis row is hidden but kept
    List<String> visible = query("SELECT id FROM ret.by_day WHERE (CAST(booked AS timestamp) AT TIME ZONE 'UTC') "
        + ">= TIMESTAMPTZ '2019-12-06 05:00:00+00' ORDER BY id COLLATE \"C\"");
    apply(due(byDay(), "booked", RetentionAction.DELETE, List.of()));
    List<String> kept = new ArrayList<>(visible);
    kept.add("no-basis");
    kept.sort(null);
    assertEquals(kept, ids("ret.by_day"));
  }

  @Test
  void archive_movesTheRows_intoATableWithTheSameColumns_notDuplicated() throws SQLException {
    ProductOutcome outcome = apply(due(byInstant(), "seen", RetentionAction.ARCHIVE, List.of())).get(0);
    assertEquals(Result.DONE, outcome.result(), outcome::error);
    assertEquals(1, outcome.rows());
    assertEquals(List.of("just-before"), ids("ret.by_instant_archive"));
    assertEquals(List.of("after", "at-cutoff", "no-basis"), ids("ret.by_instant"));
  }

  @Test
  void anonymize_clearsTheTaggedColumnsOfExpiredRowsOnly() throws SQLException {
    ProductOutcome outcome = apply(due(byDay(), "booked", RetentionAction.ANONYMIZE, List.of("email", "phone"))).get(0);
    assertEquals(2, outcome.rows());
    assertEquals(List.of("cutoff-day:null:null:2019-12-06", "next-day:n@x:3:2019-12-07", "no-basis:u@x:5:null",
        "old:null:null:2019-12-05", "recent:r@x:4:2026-01-01"),
        query("SELECT id || ':' || coalesce(email, 'null') || ':' || coalesce(phone, 'null') || ':' "
            + "|| coalesce(CAST(booked AS text), 'null') FROM ret.by_day ORDER BY id COLLATE \"C\""));
  }

  // ----- what is never touched

  @Test
  void legalHold_andConflict_leaveEveryRow() throws SQLException {
    RetentionJob held = new RetentionJob("ret.by_day", "1.0.0", AT,
        new RetentionObligation("booked", null, null, RetentionAction.DELETE, null, false, true),
        null, null, List.of(HOLD), List.of(), List.of(MAXIMUM, HOLD));
    RetentionJob conflict = new RetentionJob("ret.by_instant", "1.0.0", AT,
        new RetentionObligation("seen", Period.ofYears(10), Period.ofYears(7), RetentionAction.DELETE, null, true, false),
        MAXIMUM, MINIMUM, List.of(), List.of(), List.of(MAXIMUM, MINIMUM));
    List<ProductPlan> plans = List.of(planner().plan(byDay(), held), planner().plan(byInstant(), conflict));
    assertEquals(List.of(ProductPlan.Status.LEGAL_HOLD, ProductPlan.Status.CONFLICT),
        plans.stream().map(ProductPlan::status).toList());
    List<ProductOutcome> outcomes = runner().apply(plans);
    assertEquals(List.of(Result.NOTHING_DUE, Result.NOTHING_DUE), outcomes.stream().map(ProductOutcome::result).toList());
    assertEquals(5, ids("ret.by_day").size());
    assertEquals(4, ids("ret.by_instant").size());
    assertTrue(audited.isEmpty());
  }

  // ----- failures, idempotence, dry runs, audit

  @Test
  void aMissingTable_isReportedAndRolledBack_theOthersGoOn() throws SQLException {
    DataProduct missing = product("ret.missing", Map.of("postgresql", "ret.no_such_table"), byDay().columns());
    List<ProductOutcome> outcomes = apply(
        due(missing, "booked", RetentionAction.DELETE, List.of()),
        due(byInstant(), "seen", RetentionAction.DELETE, List.of()));
    assertEquals(Result.FAILED, outcomes.get(0).result());
    assertTrue(outcomes.get(0).error().contains("no_such_table"), outcomes.get(0).error());
    assertEquals(Result.DONE, outcomes.get(1).result(), outcomes.get(1).error());
    assertEquals(1, outcomes.get(1).rows());
    assertEquals(List.of("ret.by_instant"), audited.stream().map(AuditRecord::product).toList());
  }

  @Test
  void aFailureAfterTheArchiveInsert_leavesTheProductUntouched() throws SQLException {
    // the DELETE fails after the INSERT into the archive succeeded, as a crash between the two would
    sql("CREATE FUNCTION ret.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk gone'; END $$",
        "CREATE TRIGGER refuse_delete BEFORE DELETE ON ret.by_instant FOR EACH ROW EXECUTE FUNCTION ret.refuse()");
    ProductOutcome outcome = apply(due(byInstant(), "seen", RetentionAction.ARCHIVE, List.of())).get(0);
    assertEquals(Result.FAILED, outcome.result());
    assertTrue(outcome.error().contains("disk gone"), outcome.error());
    assertEquals(List.of(), ids("ret.by_instant_archive"));
    assertEquals(4, ids("ret.by_instant").size());
    assertTrue(audited.isEmpty());
  }

  @Test
  void aSecondRunAtTheSameInstant_changesNothing() throws SQLException {
    List<ProductPlan> plans = List.of(
        due(byDay(), "booked", RetentionAction.ANONYMIZE, List.of("email", "phone")),
        due(byInstant(), "seen", RetentionAction.ARCHIVE, List.of()));
    assertEquals(List.of(2L, 1L), runner().apply(plans).stream().map(ProductOutcome::rows).toList());
    assertEquals(List.of(0L, 0L), runner().apply(plans).stream().map(ProductOutcome::rows).toList());
    assertEquals(List.of("just-before"), ids("ret.by_instant_archive"));
  }

  @Test
  void aDryRun_countsExactly_changesNothing_andAuditsNothing() throws SQLException {
    List<ProductPlan> plans = List.of(
        due(byDay(), "booked", RetentionAction.DELETE, List.of()),
        due(byInstant(), "seen", RetentionAction.ARCHIVE, List.of()));
    List<ProductOutcome> counted = runner().dryRun(plans);
    assertEquals(List.of(Result.COUNTED, Result.COUNTED), counted.stream().map(ProductOutcome::result).toList());
    assertEquals(List.of(2L, 1L), counted.stream().map(ProductOutcome::rows).toList());
    assertEquals(5, ids("ret.by_day").size());
    assertEquals(4, ids("ret.by_instant").size());
    assertTrue(audited.isEmpty());
    // and the count is what apply then changes
    assertEquals(List.of(2L, 1L), runner().apply(plans).stream().map(ProductOutcome::rows).toList());
  }

  /** A change without its audit record is the one thing that must not go on: the run stops there. */
  @Test
  void anAuditFailureAfterTheCommit_isToldAndStopsTheRun() throws SQLException {
    AuditSink failing = record -> {
      throw new IllegalStateException("disk full");
    };
    RetentionRunner runner = new RetentionRunner(runnerSession, failing, "sha256:test", Clock.systemUTC());
    List<ProductOutcome> told = new ArrayList<>();
    runner.apply(List.of(
        due(byDay(), "booked", RetentionAction.DELETE, List.of()),
        due(byInstant(), "seen", RetentionAction.DELETE, List.of())), told::add);
    assertEquals(1, told.size(), "nothing after the product that could not be audited");
    assertEquals(ProductOutcome.Result.DONE_NOT_AUDITED, told.get(0).result());
    assertTrue(told.get(0).error().contains("disk full"), told.get(0).error());
    assertTrue(told.get(0).rows() > 0);
  }

  @Test
  void oneAuditRecordPerProductExecuted() throws SQLException {
    apply(due(byDay(), "booked", RetentionAction.ANONYMIZE, List.of("email")),
        due(byInstant(), "seen", RetentionAction.DELETE, List.of()));
    assertEquals(2, audited.size());
    AuditRecord record = audited.get(0);
    assertEquals(RetentionJob.SUBJECT, record.subject());
    assertEquals("retention:anonymize", record.action());
    assertEquals("ret.by_day", record.product());
    assertEquals("1.0.0", record.productVersion());
    assertEquals(RetentionJob.PURPOSE, record.purpose());
    assertEquals(Effect.PERMIT, record.effect());
    assertEquals(List.of(MAXIMUM.toString()), record.rules());
    assertEquals("sha256:test", record.bundleDigest());
    assertEquals("retention:delete", audited.get(1).action());
  }

  // ----- fixtures

  private static DataProduct product(String id, Map<String, String> bindings, List<Column> columns) {
    return new DataProduct(id, "ret", "owner@example.com", "1.0.0", Classification.INTERNAL, List.of(), columns, bindings);
  }

  private static DataProduct byDay() {
    return product("ret.by_day", Map.of("postgresql", "ret.by_day"), List.of(Column.of("id", ColumnType.STRING),
        Column.of("email", ColumnType.STRING), Column.of("phone", ColumnType.STRING), Column.of("booked", ColumnType.DATE)));
  }

  private static DataProduct byInstant() {
    Map<String, String> bindings = new LinkedHashMap<>();
    bindings.put("postgresql", "ret.by_instant");
    bindings.put(RetentionPlanner.archiveBinding(SqlDialect.POSTGRESQL), "ret.by_instant_archive");
    return product("ret.by_instant", bindings, List.of(Column.of("id", ColumnType.STRING),
        Column.of("seen", ColumnType.TIMESTAMP)));
  }

  private static RetentionPlanner planner() {
    return new RetentionPlanner(SqlDialect.POSTGRESQL, Rendering.BIND);
  }

  private static ProductPlan due(DataProduct product, String basis, RetentionAction action, List<String> anonymize) {
    RetentionJob job = new RetentionJob(product.id(), product.version(), AT,
        new RetentionObligation(basis, null, Period.ofYears(7), action, CUTOFF, false, false),
        MAXIMUM, null, List.of(), anonymize, List.of(MAXIMUM));
    ProductPlan plan = planner().plan(product, job);
    assertEquals(ProductPlan.Status.DUE, plan.status(), plan::error);
    return plan;
  }

  private RetentionRunner runner() {
    AuditSink sink = audited::add;
    return new RetentionRunner(runnerSession, sink, "sha256:test", Clock.systemUTC());
  }

  private List<ProductOutcome> apply(ProductPlan... plans) throws SQLException {
    return runner().apply(List.of(plans));
  }

  private List<String> ids(String table) throws SQLException {
    return query("SELECT id FROM " + table + " ORDER BY id COLLATE \"C\"");
  }

  private List<String> query(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = session.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private void sql(String... statements) throws SQLException {
    try (Statement statement = session.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
