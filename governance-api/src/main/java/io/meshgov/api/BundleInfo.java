package io.meshgov.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Identifies the policy bundle a decision was made with; {@code digest} is {@code sha256:<hex>}. */
public record BundleInfo(String name, @Nullable String revision, String digest) {
  public BundleInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
  }
}
