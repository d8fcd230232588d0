package io.meshgov.sql;

import io.meshgov.api.RetentionAction;
import java.util.List;
import java.util.Objects;

/**
 * The SQL that carries out one due retention job on one table (docs/retention.md): the statements
 * to run, in order and in one transaction, and the count a dry run reports instead.
 *
 * @param action what the statements do to the expired rows
 * @param statements {@code delete}: the DELETE; {@code archive}: the INSERT into the archive table,
 *     then the DELETE; {@code anonymize}: the UPDATE
 * @param countRows {@code SELECT count(*)} of exactly the rows the first statement changes
 */
public record RetentionStatements(RetentionAction action, List<SqlFragment> statements, SqlFragment countRows) {
  public RetentionStatements {
    Objects.requireNonNull(action, "action");
    statements = List.copyOf(statements);
    Objects.requireNonNull(countRows, "countRows");
  }
}
