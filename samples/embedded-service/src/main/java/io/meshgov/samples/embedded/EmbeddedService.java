package io.meshgov.samples.embedded;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.AuditSink;
import io.meshgov.api.BundleInfo;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Reason;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RowFilter;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.audit.InMemoryAuditSink;
import io.meshgov.engine.audit.JsonLinesAuditSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data service that embeds the meshgov engine, as a platform service would: it owns the data
 * (here, sample rows of {@code finance.invoice_payments} shipped as CSV), asks the engine for one
 * decision per read, and enforces it itself: denied columns dropped, values masked with the
 * engine's {@link io.meshgov.engine.mask.Masks}, rows filtered with {@link
 * io.meshgov.engine.RowFilters} (residency and the retention cutoff).
 *
 * <p>Run it with {@code mvn -q -pl samples/embedded-service exec:java}, or with the bundle
 * directory (default {@code policies}) and optionally a JSON Lines audit file as arguments.
 *
 * <p>Thread-safe: the engine and the rows are shared and immutable, every {@link #read} is
 * independent. Build one service and close it on shutdown, which closes the audit sink.
 */
public final class EmbeddedService implements AutoCloseable {
  /** The product this service serves. */
  public static final String PRODUCT = "finance.invoice_payments";

  /** Its sample rows, a class path resource. */
  public static final String SAMPLE_ROWS = "/data/finance.invoice_payments.csv";

  /**
   * Every read is decided at this instant, so the output does not change with the day the sample
   * runs: the retention cutoff, and which version of a policy set is in force, depend on it.
   */
  public static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  /** The columns the service's callers ask for: what its API returns. */
  public static final List<String> COLUMNS = List.of(
      "invoice_id", "customer_name", "customer_email", "card_number", "amount", "currency",
      "credit_risk_score", "region", "booking_date");

  private final GovernanceEngine engine;
  private final DataProduct product;
  private final List<Map<String, Object>> rows;

  private EmbeddedService(GovernanceEngine engine, DataProduct product, List<Map<String, Object>> rows) {
    this.engine = engine;
    this.product = product;
    this.rows = rows;
  }

  /**
   * Loads the bundle at {@code bundle} and the sample rows.
   *
   * @throws io.meshgov.api.BundleRejectedException listing every problem if the bundle is invalid
   */
  public static EmbeddedService open(Path bundle, AuditSink auditSink) {
    Objects.requireNonNull(bundle, "bundle must not be null");
    Objects.requireNonNull(auditSink, "audit sink must not be null");
    GovernanceEngine engine = GovernanceEngine.builder().bundle(bundle).auditSink(auditSink).build();
    try {
      DataProduct product = engine.product(PRODUCT).orElseThrow(() -> new IllegalStateException(
          "the bundle at " + bundle + " has no data product " + PRODUCT));
      return new EmbeddedService(engine, product, SampleRows.fromResource(SAMPLE_ROWS, product));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** The three callers of the sample. */
  public static List<Caller> callers() {
    return List.of(
        new Caller("finance analyst, EU",
            new Subject("alice", List.of("employees", "finance"), List.of("analyst"), Map.of("region", "EU")),
            "reporting"),
        new Caller("fraud investigator, all regions",
            new Subject("bob", List.of("employees", "finance"),
                List.of("fraud-investigator", "pii-reader", "global-data"), Map.of("region", "US")),
            "fraud-investigation"),
        new Caller("marketing contractor with clearance",
            new Subject("carol", List.of("marketing", "contractors"), List.of("campaign-manager"),
                Map.of("region", "EU", "clearance", "confidential")),
            "analytics"));
  }

  /** Decides {@code caller}'s read of {@link #COLUMNS} at {@link #AT} and applies the decision. */
  public GovernedView read(Caller caller) {
    AccessRequest request = AccessRequest.builder()
        .subject(caller.subject())
        .product(PRODUCT)
        .columns(COLUMNS)
        .purpose(caller.purpose())
        .at(AT)
        .build();
    return GovernedView.apply(engine.decide(request), product, rows);
  }

  public DataProduct product() {
    return product;
  }

  /** All sample rows, unfiltered and unmasked. */
  public List<Map<String, Object>> rows() {
    return rows;
  }

  public BundleInfo bundle() {
    return engine.bundle();
  }

  @Override
  public void close() {
    engine.close();
  }

  public static void main(String[] args) {
    Path bundle = Path.of(args.length > 0 ? args[0] : "policies");
    AuditSink auditSink = args.length > 1 ? JsonLinesAuditSink.open(Path.of(args[1])) : new InMemoryAuditSink();
    try (EmbeddedService service = open(bundle, auditSink)) {
      service.printAll(System.out);
    }
    if (auditSink instanceof InMemoryAuditSink memory) {
      System.out.println("audit: " + memory.records().size() + " records kept in memory"
          + " (pass a file as second argument to write JSON Lines)");
    } else {
      System.out.println("audit: records appended to " + args[1]);
    }
  }

  /** Prints every caller's decision and view. */
  public void printAll(PrintStream out) {
    BundleInfo info = bundle();
    out.println("bundle   " + info.name() + (info.revision() != null ? " " + info.revision() : "")
        + "  " + info.digest());
    out.println("product  " + product.id() + " " + product.version() + ", " + rows.size()
        + " sample rows, read at " + AT);
    for (Caller caller : callers()) {
      out.println();
      print(caller, read(caller), out);
    }
    out.println();
  }

  private void print(Caller caller, GovernedView view, PrintStream out) {
    Decision decision = view.decision();
    out.println("== " + caller.subject().id() + " (" + caller.label() + "), purpose " + caller.purpose());
    out.println("decision " + decision.decisionId());
    out.println("effect   " + decision.effect().wireName());
    for (Reason reason : decision.reasons()) {
      out.println("reason   " + reason.rule().id() + ": " + reason.message());
    }
    if (!decision.isPermitted()) {
      out.println(view.render().stripTrailing());
      return;
    }
    for (ColumnDecision column : decision.columns()) {
      if (column.effect() == ColumnEffect.MASK) {
        out.println("masked   " + column.name() + " by " + column.mask().method().wireName()
            + "  [" + column.rule().id() + "]");
      } else if (column.effect() == ColumnEffect.DENY) {
        out.println("denied   " + column.name() + "  [" + column.rule().id() + "]");
      }
    }
    for (RowFilter filter : decision.rowFilters()) {
      out.println("rows     " + filter.expression() + "  [" + filter.rule().id() + "]");
    }
    RetentionObligation retention = decision.retention();
    if (retention != null) {
      out.println("retain   " + retention.basis() + ": minimum " + retention.minimum() + ", maximum "
          + retention.maximum() + ", then " + (retention.action() == null ? "-" : retention.action().wireName())
          + (retention.cutoff() != null ? ", cutoff " + retention.cutoff() : "")
          + (retention.legalHold() ? ", legal hold" : "") + (retention.conflict() ? ", CONFLICT" : ""));
    }
    out.println();
    out.print(view.render());
    out.println("(" + view.rows().size() + " of " + rows.size() + " rows visible)");
  }
}
