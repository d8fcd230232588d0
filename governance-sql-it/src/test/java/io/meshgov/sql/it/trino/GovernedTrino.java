package io.meshgov.sql.it.trino;

import io.meshgov.server.MeshgovServer;
import io.meshgov.server.ServerConfig;
import io.meshgov.server.SubjectsSource;
import io.meshgov.server.TrinoAnswers;
import io.meshgov.server.trino.TrinoSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Trino whose access control is a meshgov decision server, as the quick start of docs/trino.md
 * sets it up: Trino's OPA plugin with its four URIs pointing at {@code serve}'s Trino routes. The
 * server decides at a fixed instant, the embedded-service sample's, so both give the same
 * decisions; its bundle is the shipped one plus a 250-column product.
 */
final class GovernedTrino implements AutoCloseable {
  /** The user that loads the tables: a writer of the server's settings. */
  static final String LOADER = "loader";
  static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
  static final String WIDE_PRODUCT = "finance.wide_ledger";
  static final int WIDE_COLUMNS = 250;

  final MeshgovServer meshgov;
  final TrinoServer trino;
  final Path audit;

  private GovernedTrino(MeshgovServer meshgov, TrinoServer trino, Path audit) {
    this.meshgov = meshgov;
    this.trino = trino;
    this.audit = audit;
  }

  static GovernedTrino start(Path trinoHome, Path javaHome, Path work, Path policies, Path subjects) throws IOException {
    Path bundle = copyWithWideProduct(policies, work.resolve("bundle"));
    Path audit = work.resolve("audit.jsonl");
    Files.deleteIfExists(audit);
    ServerConfig config = ServerConfig.builder(bundle)
        .port(0)
        .subjects(subjects)
        .audit(audit)
        .trino(new TrinoSettings("meshgov-filter", "analytics", false, Set.of(LOADER), false,
            Duration.ofSeconds(5), 10_000))
        .build();
    MeshgovServer meshgov = MeshgovServer.start(config, SubjectsSource.DIRECTORY, TrinoAnswers.Factory.ACCESS_CONTROL,
        InstantSource.fixed(AT));
    try {
      String url = meshgov.url();
      TrinoServer trino = TrinoServer.start(trinoHome, javaHome, work.resolve("trino"), Map.of(
          "access-control.properties", List.of(
              "access-control.name=opa",
              "opa.policy.uri=" + url + "/trino/allow",
              "opa.policy.batched-uri=" + url + "/trino/batch",
              "opa.policy.row-filters-uri=" + url + "/trino/rowFilters",
              "opa.policy.batch-column-masking-uri=" + url + "/trino/batchColumnMasks")));
      System.err.printf("Trino governed by meshgov at %s started in %.1f s%n", url,
          trino.startupTime().toMillis() / 1000.0);
      return new GovernedTrino(meshgov, trino, audit);
    } catch (IOException | RuntimeException e) {
      meshgov.close();
      throw e;
    }
  }

  /** The sample's rows of its product, as lists in the product's column order: what a table is loaded with. */
  static List<List<Object>> rowsOf(io.meshgov.samples.embedded.EmbeddedService sample) {
    List<List<Object>> rows = new java.util.ArrayList<>();
    for (Map<String, Object> row : sample.rows()) {
      List<Object> values = new java.util.ArrayList<>();
      for (io.meshgov.api.Column column : sample.product().columns()) {
        values.add(row.get(column.name()));
      }
      rows.add(values);
    }
    return rows;
  }

  TrinoEngine as(String user, String schema) {
    return new TrinoEngine(trino.jdbcUrl(user), schema);
  }

  /** The shipped bundle, and a product of {@value #WIDE_COLUMNS} columns, some of them e-mails. */
  private static Path copyWithWideProduct(Path policies, Path target) throws IOException {
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(policies)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(policies.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    StringBuilder product = new StringBuilder("""
        apiVersion: meshgov/v1
        kind: DataProduct
        metadata:
          id: finance.wide_ledger
          domain: finance
          owner: finance-data@example.com
          version: 1.0.0
        classification: internal
        tags: []
        bindings: {trino: memory.finance.wide_ledger}
        columns:
        """);
    for (int i = 1; i <= WIDE_COLUMNS; i++) {
      product.append(String.format("  - {name: c%03d, type: string%s}%n", i, i % 50 == 0 ? ", tags: [pii.email]" : ""));
    }
    Files.writeString(target.resolve("products/finance/wide_ledger.yaml"), product);
    return target;
  }

  @Override
  public void close() {
    try {
      trino.close();
    } finally {
      meshgov.close();
    }
  }
}
