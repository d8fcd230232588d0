package io.meshgov.engine.internal.evaluate;

import dev.cel.runtime.CelVariableResolver;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.Column;
import io.meshgov.api.DataProduct;
import io.meshgov.engine.internal.cel.ConditionEnvironment;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The CEL variables of one decision: subject, request and product, plus the current column for
 * column-level rules. One instance per decision; {@link #column} is moved from column to column.
 */
final class DecisionVariables implements CelVariableResolver {
  private final AccessRequest request;
  private final DataProduct product;
  private final Optional<Object> subjectId;
  private final Optional<Object> groups;
  private final Optional<Object> roles;
  private final Optional<Object> attributes;
  private final Optional<Object> action;
  private final Optional<Object> purpose;
  private final Optional<Object> at;
  private final Optional<Object> productId;
  private final Optional<Object> domain;
  private final Optional<Object> classification;
  private final Optional<Object> productTags;
  private @Nullable Column column;

  DecisionVariables(AccessRequest request, DataProduct product, Instant at) {
    this.request = request;
    this.product = product;
    this.subjectId = Optional.of(request.subject().id());
    this.groups = Optional.of(request.subject().groups());
    this.roles = Optional.of(request.subject().roles());
    this.attributes = Optional.of(request.subject().attributes());
    this.action = Optional.of(request.action().wireName());
    this.purpose = Optional.of(request.purpose());
    this.at = Optional.of(at);
    this.productId = Optional.of(product.id());
    this.domain = Optional.of(product.domain());
    this.classification = Optional.of(product.classification().wireName());
    this.productTags = Optional.of(product.tags());
  }

  void column(@Nullable Column column) {
    this.column = column;
  }

  AccessRequest request() {
    return request;
  }

  DataProduct product() {
    return product;
  }

  @Override
  public Optional<Object> find(String name) {
    switch (name) {
      case ConditionEnvironment.SUBJECT_ID:
        return subjectId;
      case ConditionEnvironment.SUBJECT_GROUPS:
        return groups;
      case ConditionEnvironment.SUBJECT_ROLES:
        return roles;
      case ConditionEnvironment.SUBJECT_ATTRIBUTES:
        return attributes;
      case ConditionEnvironment.REQUEST_ACTION:
        return action;
      case ConditionEnvironment.REQUEST_PURPOSE:
        return purpose;
      case ConditionEnvironment.REQUEST_AT:
        return at;
      case ConditionEnvironment.PRODUCT_ID:
        return productId;
      case ConditionEnvironment.PRODUCT_DOMAIN:
        return domain;
      case ConditionEnvironment.PRODUCT_CLASSIFICATION:
        return classification;
      case ConditionEnvironment.PRODUCT_TAGS:
        return productTags;
      case ConditionEnvironment.COLUMN_NAME:
        return column == null ? Optional.empty() : Optional.of(column.name());
      case ConditionEnvironment.COLUMN_TYPE:
        return column == null ? Optional.empty() : Optional.of(column.type().wireName());
      case ConditionEnvironment.COLUMN_TAGS:
        return column == null ? Optional.empty() : Optional.of(column.tags());
      default:
        return Optional.empty();
    }
  }
}
