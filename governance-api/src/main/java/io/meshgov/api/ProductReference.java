package io.meshgov.api;

import java.util.Objects;

/** The product a decision is about, with the version it was decided on. */
public record ProductReference(String id, String version) {
  public ProductReference {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
  }
}
