package io.meshgov.sql.it.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.AuditRecord;
import io.meshgov.cli.GovernanceCli;
import io.meshgov.engine.json.AuditRecordJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code governance retention plan} and {@code retention apply} end to end: a bundle written here,
 * the engine's retention jobs, the statements run on a real PostgreSQL, the audit file.
 */
@ExtendWith(PostgresExtension.class)
class RetentionApplyCliTest {
  private static final String AT = "2026-12-06T00:00:00Z";
  private static final String SECRET = "s3cret-never-shown";

  @TempDir Path directory;
  private Path bundle;
  private Path passwordFile;
  private String jdbcUrl;
  private Connection session;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp(EmbeddedPostgresServer server) throws IOException, SQLException {
    jdbcUrl = server.jdbcUrl();
    session = server.openSession();
    sql("DROP SCHEMA IF EXISTS cli CASCADE", "CREATE SCHEMA cli",
        "CREATE TABLE cli.orders (id text, ordered_on date)",
        "INSERT INTO cli.orders VALUES ('old', DATE '2018-01-01'), ('new', DATE '2026-01-01'), ('undated', NULL)",
        "CREATE TABLE cli.shipments (id text, shipped_at timestamptz)",
        "INSERT INTO cli.shipments VALUES ('old', TIMESTAMPTZ '2018-01-01 00:00:00+00'), ('new', TIMESTAMPTZ '2026-01-01 00:00:00+00')",
        "CREATE TABLE cli.shipments_archive (LIKE cli.shipments)",
        "CREATE TABLE cli.held (id text, ordered_on date)",
        "INSERT INTO cli.held VALUES ('old', DATE '2018-01-01')");
    bundle = Files.createDirectories(directory.resolve("bundle"));
    write("bundle.yaml", """
        apiVersion: meshgov/v1
        kind: Bundle
        metadata: {name: retention-cli-test}
        vocabulary:
          tags: [legal.hold, clash]
        """);
    write("products/shop/orders.yaml", product("shop.orders", "[]", "cli.orders", null, "ordered_on: date"));
    write("products/shop/shipments.yaml", product("shop.shipments", "[]", "cli.shipments", "cli.shipments_archive",
        "shipped_at: timestamp"));
    write("products/shop/held.yaml", product("shop.held", "[legal.hold]", "cli.held", null, "ordered_on: date"));
    write("products/shop/clashing.yaml", product("shop.clashing", "[clash]", "cli.held", null, "ordered_on: date"));
    write("products/shop/missing.yaml", product("shop.missing", "[]", "cli.no_such_table", null, "ordered_on: date"));
    write("products/shop/unbound.yaml", product("shop.unbound", "[]", null, null, "ordered_on: date"));
    write("global/retention.yaml", """
        apiVersion: meshgov/v1
        kind: PolicySet
        metadata: {id: global.retention, version: 1.0.0, scope: global, owner: council}
        rules:
          - id: orders-five-years
            kind: retention
            match: {products: {ids: [shop.orders, shop.held, shop.missing, shop.clashing]}}
            retention: {basis: ordered_on, maximum: P5Y, action: delete}
          - id: shipments-archived
            kind: retention
            match: {products: {ids: [shop.shipments]}}
            retention: {basis: shipped_at, maximum: P5Y, action: archive}
          - id: hold
            kind: retention
            match: {products: {tags: [legal.hold]}}
            legalHold: true
          - id: clash-minimum
            kind: retention
            match: {products: {tags: [clash]}}
            retention: {basis: ordered_on, minimum: P10Y}
        """);
    passwordFile = directory.resolve("password");
    Files.writeString(passwordFile, SECRET + "\n");
  }

  @AfterEach
  void tearDown() throws SQLException {
    sql("DROP SCHEMA IF EXISTS cli CASCADE");
    session.close();
  }

  @Test
  void plan_saysWhatIsDueAndWhyTheRestIsNot() {
    Run run = run("retention", "plan", "--policies", bundle.toString(), "--at", AT);
    assertEquals(0, run.exit(), run.err());
    String out = run.out();
    assertTrue(out.contains("shop.orders@1.0.0: delete rows with ordered_on before 2021-12-06T00:00:00Z (maximum P5Y by "
        + "global.retention/orders-five-years@1.0.0)"), out);
    assertTrue(out.contains("shop.held@1.0.0: nothing due: legal hold by global.retention/hold@1.0.0"), out);
    assertTrue(out.contains("shop.clashing@1.0.0: nothing due: conflict: minimum P10Y (global.retention/clash-minimum@1.0.0)"
        + " reaches back further than maximum P5Y (global.retention/orders-five-years@1.0.0)"), out);
    assertTrue(out.contains("shop.unbound@1.0.0: no binding for postgresql"), out);
    assertTrue(out.contains("INSERT INTO \"cli\".\"shipments_archive\" SELECT * FROM \"cli\".\"shipments\""), out);
  }

  @Test
  void apply_changesTheDueProducts_reportsTheMissingTable_auditsEachProduct_andIsIdempotent() throws Exception {
    Path audit = directory.resolve("audit.jsonl");
    Run dry = apply("--dry-run", "--audit", audit.toString());
    assertEquals(1, dry.exit(), dry.out() + dry.err());
    assertTrue(dry.out().contains("shop.orders@1.0.0: would delete 1 row"), dry.out());
    assertTrue(dry.out().contains("shop.shipments@1.0.0: would archive 1 row"), dry.out());
    assertEquals(List.of("new", "old", "undated"), ids("cli.orders"));
    assertFalse(Files.exists(audit) && Files.size(audit) > 0, "a dry run audits nothing");

    Run first = apply("--audit", audit.toString());
    assertEquals(1, first.exit(), first.out() + first.err());
    assertTrue(first.out().contains("shop.orders@1.0.0: deleted 1 row"), first.out());
    assertTrue(first.out().contains("shop.shipments@1.0.0: archived 1 row"), first.out());
    assertTrue(first.out().contains("shop.missing@1.0.0: failed, nothing changed: "), first.out());
    assertEquals(List.of("new", "undated"), ids("cli.orders"));
    assertEquals(List.of("old"), ids("cli.shipments_archive"));
    assertEquals(List.of("old"), ids("cli.held"));

    List<AuditRecord> records = Files.readAllLines(audit).stream().map(AuditRecordJson::fromJsonLine).toList();
    assertEquals(List.of("shop.orders:retention:delete", "shop.shipments:retention:archive"),
        records.stream().map(r -> r.product() + ":" + r.action()).sorted().toList());
    assertTrue(records.stream().allMatch(r -> r.subject().equals("meshgov-retention") && r.purpose().equals("retention")));

    Run second = apply("--audit", audit.toString());
    assertTrue(second.out().contains("shop.orders@1.0.0: deleted 0 rows"), second.out());
    assertTrue(second.out().contains("shop.shipments@1.0.0: archived 0 rows"), second.out());
    assertEquals(List.of("old"), ids("cli.shipments_archive"));
    for (Run run : List.of(dry, first, second)) {
      assertFalse((run.out() + run.err()).contains(SECRET), "the password is never printed");
    }
  }

  @Test
  void anUnreachableDatabase_isExit1_andNeverShowsThePassword() {
    Run run = run("retention", "apply", "--policies", bundle.toString(), "--at", AT,
        "--jdbc", "jdbc:postgresql://127.0.0.1:1/nowhere?password=" + SECRET, "--user", "postgres",
        "--password-file", passwordFile.toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertFalse((run.out() + run.err()).contains(SECRET), run.out() + run.err());
  }

  private Run apply(String... more) {
    List<String> args = new ArrayList<>(List.of("retention", "apply", "--policies", bundle.toString(), "--at", AT,
        "--jdbc", jdbcUrl, "--user", "postgres", "--password-file", passwordFile.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = GovernanceCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String product(String id, String tags, String table, String archive, String basisColumn) {
    String[] basis = basisColumn.split(": ");
    String bindings = table == null ? "" : "bindings: {postgresql: " + table
        + (archive == null ? "" : ", postgresql-archive: " + archive) + "}\n";
    return "apiVersion: meshgov/v1\nkind: DataProduct\nmetadata: {id: " + id + ", domain: shop, owner: shop@example.com,"
        + " version: 1.0.0}\nclassification: internal\ntags: " + tags + "\n" + bindings
        + "columns:\n  - {name: id, type: string}\n  - {name: " + basis[0] + ", type: " + basis[1] + "}\n";
  }

  private void write(String name, String content) throws IOException {
    Path file = bundle.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private List<String> ids(String table) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement statement = session.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id COLLATE \"C\"")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private void sql(String... statements) throws SQLException {
    try (Statement statement = session.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
