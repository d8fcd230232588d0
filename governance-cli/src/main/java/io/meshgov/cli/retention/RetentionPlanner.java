package io.meshgov.cli.retention;

import io.meshgov.api.DataProduct;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.cli.retention.ProductPlan.Status;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlRenderer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Turns the engine's retention jobs into a plan: per catalog product, the SQL that is due or why none is. */
public final class RetentionPlanner {
  private final SqlRenderer renderer;
  private final Rendering rendering;

  public RetentionPlanner(SqlDialect dialect, Rendering rendering) {
    this.renderer = SqlRenderer.of(Objects.requireNonNull(dialect, "dialect"));
    this.rendering = Objects.requireNonNull(rendering, "rendering");
  }

  /** The bindings key of a product's archive table in this dialect, e.g. {@code postgresql-archive}. */
  public static String archiveBinding(SqlDialect dialect) {
    return dialect.wireName() + "-archive";
  }

  /** Every catalog product, by id. */
  public List<ProductPlan> plan(GovernanceEngine engine, Instant at) {
    List<DataProduct> products = new ArrayList<>(engine.catalog().values());
    products.sort(Comparator.comparing(DataProduct::id));
    List<ProductPlan> plans = new ArrayList<>(products.size());
    for (DataProduct product : products) {
      plans.add(plan(product, engine.retentionJob(product.id(), at)));
    }
    return plans;
  }

  /** One product, given its job. */
  public ProductPlan plan(DataProduct product, RetentionJob job) {
    String table = product.bindings().get(renderer.dialect().wireName());
    String archiveTable = product.bindings().get(archiveBinding(renderer.dialect()));
    RetentionObligation retention = job.retention();
    if (table == null) {
      return new ProductPlan(product, job, Status.NO_BINDING, null, archiveTable, null, null);
    }
    if (retention == null) {
      return new ProductPlan(product, job, Status.NO_RETENTION, table, archiveTable, null, null);
    }
    if (retention.legalHold()) {
      return new ProductPlan(product, job, Status.LEGAL_HOLD, table, archiveTable, null, null);
    }
    if (retention.conflict()) {
      return new ProductPlan(product, job, Status.CONFLICT, table, archiveTable, null, null);
    }
    if (!job.due()) {
      return new ProductPlan(product, job, Status.NO_MAXIMUM, table, archiveTable, null, null);
    }
    if (retention.action() == RetentionAction.ARCHIVE && archiveTable == null) {
      return new ProductPlan(product, job, Status.ERROR, table, null, null, "action archive needs a '"
          + archiveBinding(renderer.dialect()) + "' binding: the table the expired rows move to");
    }
    try {
      return new ProductPlan(product, job, Status.DUE, table, archiveTable,
          renderer.retention(job, product, table, archiveTable, rendering), null);
    } catch (IllegalArgumentException e) {
      return new ProductPlan(product, job, Status.ERROR, table, archiveTable, null, e.getMessage());
    }
  }
}
