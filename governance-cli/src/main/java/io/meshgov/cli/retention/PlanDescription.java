package io.meshgov.cli.retention;

import io.meshgov.api.RetentionJob;
import io.meshgov.api.RetentionObligation;
import io.meshgov.api.RuleReference;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The one-line account of a product's plan that the text and SQL forms print: what is due, or why nothing is. */
public final class PlanDescription {
  private PlanDescription() {}

  public static String of(ProductPlan plan, String dialect) {
    RetentionJob job = plan.job();
    RetentionObligation retention = job.retention();
    switch (plan.status()) {
      case NO_BINDING:
        return "no binding for " + dialect;
      case NO_RETENTION:
        return "nothing due: no retention rule";
      case LEGAL_HOLD:
        return "nothing due: legal hold by " + names(job.legalHoldRules());
      case CONFLICT:
        return "nothing due: conflict: minimum " + retention.minimum() + " (" + name(job.minimumRule())
            + ") reaches back further than maximum " + retention.maximum() + " (" + name(job.maximumRule()) + ")";
      case NO_MAXIMUM:
        return "nothing due: no maximum" + (retention.minimum() == null ? ""
            : " (minimum " + retention.minimum() + " by " + name(job.minimumRule()) + ")");
      case DUE:
        return retention.action().wireName() + " rows with " + retention.basis() + " before " + retention.cutoff()
            + " (maximum " + retention.maximum() + " by " + name(job.maximumRule()) + ")";
      case ERROR:
        return "error: " + plan.error();
      default:
        throw new AssertionError(plan.status());
    }
  }

  static String name(@Nullable RuleReference rule) {
    return rule == null ? "no rule" : rule.toString();
  }

  static String names(List<RuleReference> rules) {
    return rules.stream().map(Objects::toString).collect(Collectors.joining(", "));
  }
}
