package io.meshgov.samples.retention;

import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RetentionJob;
import io.meshgov.cli.GovernanceCli;
import io.meshgov.engine.GovernanceEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The retention job on the shipped bundle, end to end: an embedded PostgreSQL holding a table per
 * product bound to {@code postgresql}, three rows in each (one long past any cutoff, one recent,
 * one without a basis), then {@code retention plan}, {@code retention apply --dry-run} and {@code
 * retention apply --audit}, what is left, and the audit records.
 *
 * <p>Run with {@code mvn -q -pl samples/retention-walkthrough exec:java}.
 */
public final class RetentionWalkthrough {
  private static final Instant AT = Instant.parse("2026-12-06T00:00:00Z");

  private RetentionWalkthrough() {}

  public static void main(String[] args) throws Exception {
    Path policies = Path.of(args.length > 0 ? args[0] : "policies");
    Path work = Files.createTempDirectory("meshgov-retention");
    Path audit = work.resolve("retention.jsonl");
    Path password = work.resolve("password");
    // the embedded server trusts local connections; the file shows how a real password is given
    Files.writeString(password, "postgres\n");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        GovernanceEngine engine = GovernanceEngine.builder().bundle(policies).build();
        Connection connection = postgres.getPostgresDatabase().getConnection()) {
      List<String> tables = createTables(engine, connection);
      String jdbc = postgres.getJdbcUrl("postgres", "postgres");
      List<String> common = List.of("--policies", policies.toString(), "--at", AT.toString());

      step("retention plan");
      cli(concat(List.of("retention", "plan"), common));
      step("retention apply --dry-run");
      List<String> apply = concat(List.of("retention", "apply"), common);
      apply.addAll(List.of("--jdbc", jdbc, "--user", "postgres", "--password-file", password.toString()));
      cli(concat(apply, List.of("--dry-run")));
      step("retention apply --audit " + audit.getFileName());
      cli(concat(apply, List.of("--audit", audit.toString())));
      step("what is left");
      for (String table : tables) {
        System.out.println(table + ": " + count(connection, table) + " rows");
      }
      step("the audit records");
      if (Files.exists(audit)) {
        Files.readAllLines(audit).forEach(System.out::println);
      }
    }
  }

  /** A table per product bound to postgresql (and its archive table), with three rows of which one is long expired. */
  private static List<String> createTables(GovernanceEngine engine, Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    for (DataProduct product : engine.catalog().values()) {
      String table = product.bindings().get("postgresql");
      if (table == null) {
        continue;
      }
      RetentionJob job = engine.retentionJob(product.id(), AT);
      String basis = job.retention() == null ? null : job.retention().basis();
      create(connection, product, table);
      tables.add(table);
      String archive = product.bindings().get("postgresql-archive");
      if (archive != null) {
        create(connection, product, archive);
        tables.add(archive);
      }
      insert(connection, product, table, basis, AT.minus(20 * 366, ChronoUnit.DAYS));
      insert(connection, product, table, basis, AT.minus(30, ChronoUnit.DAYS));
      insert(connection, product, table, basis, null);
    }
    tables.sort(null);
    return tables;
  }

  private static void create(Connection connection, DataProduct product, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    for (Column column : product.columns()) {
      columns.add(quote(column.name()) + " " + switch (column.type()) {
        case STRING -> "text";
        case INTEGER -> "bigint";
        case DECIMAL -> "numeric";
        case BOOLEAN -> "boolean";
        case DATE -> "date";
        case TIMESTAMP -> "timestamptz";
      });
    }
    try (Statement statement = connection.createStatement()) {
      if (table.contains(".")) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + quote(table.substring(0, table.indexOf('.'))));
      }
      statement.execute("CREATE TABLE " + qualified(table) + " (" + String.join(", ", columns) + ")");
    }
  }

  private static void insert(Connection connection, DataProduct product, String table, String basis, Instant when)
      throws SQLException {
    List<String> marks = new ArrayList<>();
    product.columns().forEach(column -> marks.add("?"));
    try (PreparedStatement statement = connection.prepareStatement(
        "INSERT INTO " + qualified(table) + " VALUES (" + String.join(", ", marks) + ")")) {
      for (int i = 0; i < product.columns().size(); i++) {
        Column column = product.columns().get(i);
        boolean isBasis = column.name().equals(basis);
        Instant instant = isBasis ? when : AT.minus(1, ChronoUnit.DAYS);
        Object value = switch (column.type()) {
          case STRING -> "sample " + column.name();
          case INTEGER -> 1L;
          case DECIMAL -> new java.math.BigDecimal("9.99");
          case BOOLEAN -> Boolean.TRUE;
          case DATE -> instant == null ? null : instant.atOffset(ZoneOffset.UTC).toLocalDate();
          case TIMESTAMP -> instant == null ? null : instant.atOffset(ZoneOffset.UTC);
        };
        statement.setObject(i + 1, value);
      }
      statement.executeUpdate();
    }
  }

  private static long count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified(table))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void cli(List<String> args) {
    System.out.println("$ governance " + String.join(" ", args));
    int exit = GovernanceCli.newCommandLine().execute(args.toArray(String[]::new));
    System.out.println("(exit " + exit + ")");
  }

  private static void step(String title) {
    System.out.println();
    System.out.println("== " + title);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static String qualified(String table) {
    List<String> parts = new ArrayList<>();
    for (String part : table.split("\\.")) {
      parts.add(quote(part));
    }
    return String.join(".", parts);
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
