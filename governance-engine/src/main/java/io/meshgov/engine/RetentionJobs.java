package io.meshgov.engine;

import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.api.RetentionAction;
import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RuleReference;
import io.meshgov.api.Subject;
import io.meshgov.engine.internal.compile.CompiledBundle;
import io.meshgov.engine.internal.compile.CompiledRule;
import io.meshgov.engine.internal.compile.ProductPlan;
import io.meshgov.engine.internal.evaluate.CombinedRetention;
import io.meshgov.engine.internal.evaluate.Evaluator;
import io.meshgov.engine.internal.validate.Match;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the retention job must do to one catalog product ({@link GovernanceEngine#retentionJob}):
 * the product's read plan at {@code at}, its retention rules evaluated for the job's subject and
 * combined as a decision combines them, without the access rules (the job is not a reader) and
 * without the vocabulary's purpose check (the job's purpose is the engine's, not the bundle's).
 * OPA-backed policy sets are not consulted: the job runs unattended and must not hang on a server,
 * so only the retention rules written in the bundle count.
 */
final class RetentionJobs {
  private static final Subject JOB_SUBJECT = new Subject(RetentionJob.SUBJECT, List.of(), List.of(), Map.of());

  private RetentionJobs() {}

  /** @throws io.meshgov.api.RequestException if the catalog has no such product */
  static RetentionJob job(CompiledBundle bundle, String productId, Instant at) {
    DataProduct product = RequestPlanner.catalogProduct(bundle, productId);
    ProductPlan plan = Evaluator.plan(bundle, product, Action.READ, at, false, List.of());
    AccessRequest request = new AccessRequest(JOB_SUBJECT, productId, null, List.of(), Action.READ,
        RetentionJob.PURPOSE, at);
    CombinedRetention combined = Evaluator.retention(request, plan, at);
    RetentionObligation retention = combined.obligation();
    return new RetentionJob(product.id(), product.version(), at, retention, reference(combined.maximumRule()),
        reference(combined.minimumRule()), references(combined.legalHoldRules()),
        anonymizeColumns(product, retention), references(combined.rules()));
  }

  /** The product's columns whose own tags fall under one of the tags the retention anonymizes, in catalog order. */
  private static List<String> anonymizeColumns(DataProduct product, @Nullable RetentionObligation retention) {
    if (retention == null || retention.action() != RetentionAction.ANONYMIZE) {
      return List.of();
    }
    List<String> columns = new ArrayList<>();
    for (Column column : product.columns()) {
      if (Match.anyTagMatches(retention.anonymize(), column.tags())) {
        columns.add(column.name());
      }
    }
    return columns;
  }

  private static @Nullable RuleReference reference(@Nullable CompiledRule rule) {
    return rule == null ? null : rule.reference();
  }

  private static List<RuleReference> references(List<CompiledRule> rules) {
    return rules.stream().map(CompiledRule::reference).toList();
  }
}
