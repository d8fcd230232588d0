package io.meshgov.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for a data product (docs/request-and-decision.md). The product is either a catalog id ({@link
 * #productId()}) or an inline {@link DataProduct} ({@link #inlineProduct()}), never both. An
 * empty {@code columns} list means all columns; a null {@code at} means the engine's clock.
 */
public record AccessRequest(
    Subject subject,
    String productId,
    @Nullable DataProduct inlineProduct,
    List<String> columns,
    Action action,
    String purpose,
    @Nullable Instant at) {

  public AccessRequest {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(purpose, "purpose");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    if (inlineProduct != null && !inlineProduct.id().equals(productId)) {
      throw new IllegalArgumentException(
          "productId '" + productId + "' must equal the inline product's id '" + inlineProduct.id() + "'");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.subject = subject;
    builder.productId = productId;
    builder.inlineProduct = inlineProduct;
    builder.columns = new ArrayList<>(columns);
    builder.action = action;
    builder.purpose = purpose;
    builder.at = at;
    return builder;
  }

  /** Builds an {@link AccessRequest}; not thread-safe, the request it builds is. */
  public static final class Builder {
    private @Nullable Subject subject;
    private @Nullable String productId;
    private @Nullable DataProduct inlineProduct;
    private List<String> columns = new ArrayList<>();
    private Action action = Action.READ;
    private String purpose = "";
    private @Nullable Instant at;

    private Builder() {}

    public Builder subject(Subject subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** A product of the engine's catalog, by id. */
    public Builder product(String productId) {
      this.productId = Objects.requireNonNull(productId, "productId");
      this.inlineProduct = null;
      return this;
    }

    /** A product described inline, not (necessarily) in the catalog. */
    public Builder product(DataProduct product) {
      this.inlineProduct = Objects.requireNonNull(product, "product");
      this.productId = product.id();
      return this;
    }

    /** The requested columns, in the order decisions should list them; none means all. */
    public Builder columns(String... columns) {
      return columns(Arrays.asList(columns));
    }

    public Builder columns(List<String> columns) {
      this.columns = new ArrayList<>(Objects.requireNonNull(columns, "columns"));
      return this;
    }

    public Builder action(Action action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    public Builder purpose(String purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose");
      return this;
    }

    /** The evaluation instant; unset means the engine's clock at decision time. */
    public Builder at(@Nullable Instant at) {
      this.at = at;
      return this;
    }

    public AccessRequest build() {
      if (subject == null) {
        throw new IllegalStateException("subject must be set");
      }
      if (productId == null) {
        throw new IllegalStateException("product must be set");
      }
      return new AccessRequest(subject, productId, inlineProduct, columns, action, purpose, at);
    }
  }
}
