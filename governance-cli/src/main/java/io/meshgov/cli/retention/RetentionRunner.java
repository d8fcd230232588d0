package io.meshgov.cli.retention;

import io.meshgov.api.AuditSink;
import io.meshgov.api.RetentionAction;
import io.meshgov.cli.retention.ProductOutcome.Result;
import io.meshgov.cli.retention.ProductPlan.Status;
import io.meshgov.sql.RetentionStatements;
import io.meshgov.sql.SqlFragment;
import io.meshgov.sql.SqlParameter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Carries out a PostgreSQL retention plan over one JDBC connection, one transaction per product:
 * a product is either fully done or, when any of its statements fails, rolled back and reported,
 * and the next product goes on. Each product that committed gets one audit record.
 */
public final class RetentionRunner {
  private final Connection connection;
  private final AuditSink audit;
  private final String bundleDigest;
  private final Clock clock;

  /** Takes the connection as it is; leaves it open. */
  public RetentionRunner(Connection connection, AuditSink audit, String bundleDigest, Clock clock) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.bundleDigest = Objects.requireNonNull(bundleDigest, "bundleDigest");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs every due product's statements; nothing else is touched. */
  public List<ProductOutcome> apply(List<ProductPlan> plans) throws SQLException {
    List<ProductOutcome> outcomes = new ArrayList<>(plans.size());
    run(plans, false, outcomes::add);
    return outcomes;
  }

  /**
   * As {@link #apply(List)}, telling each product's outcome as soon as it is known: if the
   * connection fails later, what was already committed has been told.
   */
  public void apply(List<ProductPlan> plans, java.util.function.Consumer<ProductOutcome> told) throws SQLException {
    run(plans, false, told);
  }

  /** Counts every due product's rows in a read-only transaction that is rolled back: nothing changes. */
  public List<ProductOutcome> dryRun(List<ProductPlan> plans) throws SQLException {
    List<ProductOutcome> outcomes = new ArrayList<>(plans.size());
    run(plans, true, outcomes::add);
    return outcomes;
  }

  /** As {@link #dryRun(List)}, telling each product's count as soon as it is known. */
  public void dryRun(List<ProductPlan> plans, java.util.function.Consumer<ProductOutcome> told) throws SQLException {
    run(plans, true, told);
  }

  private void run(List<ProductPlan> plans, boolean dryRun, java.util.function.Consumer<ProductOutcome> told)
      throws SQLException {
    // a basis stored without a zone is read as UTC, as meshgov reads every timestamp: the
    // session's zone (the driver sends the JVM's) must not move the cutoff; set outside any
    // transaction, so that the transaction settings below can still change
    connection.setAutoCommit(true);
    try (java.sql.Statement zone = connection.createStatement()) {
      zone.execute("SET TIME ZONE 'UTC'");
    }
    connection.setAutoCommit(false);
    connection.setReadOnly(dryRun);
    // an archive's INSERT and DELETE must see the same rows: one snapshot for the whole transaction
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    for (ProductPlan plan : plans) {
      ProductOutcome outcome;
      if (plan.status() == Status.ERROR) {
        outcome = new ProductOutcome(plan, Result.FAILED, 0, plan.error());
      } else if (plan.status() != Status.DUE) {
        outcome = new ProductOutcome(plan, Result.NOTHING_DUE, 0, null);
      } else {
        outcome = dryRun ? count(plan) : execute(plan);
      }
      told.accept(outcome);
      if (outcome.result() == Result.DONE_NOT_AUDITED) {
        return;
      }
    }
  }

  private ProductOutcome count(ProductPlan plan) throws SQLException {
    try {
      long rows = query(plan.statements().countRows());
      return new ProductOutcome(plan, Result.COUNTED, rows, null);
    } catch (SQLException e) {
      return new ProductOutcome(plan, Result.FAILED, 0, e.getMessage());
    } finally {
      connection.rollback();
    }
  }

  private ProductOutcome execute(ProductPlan plan) throws SQLException {
    RetentionStatements statements = plan.statements();
    long started = System.nanoTime();
    long rows;
    try {
      List<Long> changed = new ArrayList<>();
      for (SqlFragment statement : statements.statements()) {
        changed.add(update(statement));
      }
      rows = changed.get(0);
      if (statements.action() == RetentionAction.ARCHIVE && !changed.get(1).equals(rows)) {
        // under one snapshot the two agree; if they do not, rows would be lost or left: keep everything
        throw new SQLException("the archive copied " + rows + " rows but the delete removed " + changed.get(1));
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      return new ProductOutcome(plan, Result.FAILED, 0, e.getMessage());
    }
    Instant committed = clock.instant();
    long latencyMicros = (System.nanoTime() - started) / 1_000;
    try {
      audit.record(RetentionAuditRecords.executed(plan, rows, bundleDigest, committed, latencyMicros));
    } catch (RuntimeException e) {
      return new ProductOutcome(plan, Result.DONE_NOT_AUDITED, rows, "the audit record could not be written: "
          + e.getMessage());
    }
    return new ProductOutcome(plan, Result.DONE, rows, null);
  }

  private long update(SqlFragment statement) throws SQLException {
    try (PreparedStatement prepared = prepare(statement)) {
      return prepared.executeLargeUpdate();
    }
  }

  private long query(SqlFragment statement) throws SQLException {
    try (PreparedStatement prepared = prepare(statement); ResultSet result = prepared.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Binds as docs/sql.md says for PostgreSQL: an instant as an offset date-time in UTC, never a java.sql.Timestamp. */
  private PreparedStatement prepare(SqlFragment statement) throws SQLException {
    PreparedStatement prepared = connection.prepareStatement(statement.sql());
    try {
      List<SqlParameter> parameters = statement.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        Object value = parameters.get(i).value();
        prepared.setObject(i + 1, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
      }
      return prepared;
    } catch (SQLException | RuntimeException e) {
      prepared.close();
      throw e;
    }
  }
}
