package io.meshgov.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is asking. Attributes are free-form strings (region, clearance…); they are available to
 * conditions as {@code subject.attributes} and never appear in audit records.
 */
public record Subject(String id, List<String> groups, List<String> roles, Map<String, String> attributes) {
  public Subject {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("subject id must not be empty");
    }
    groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
  }

  /** A subject with only an id. */
  public static Subject of(String id) {
    return new Subject(id, List.of(), List.of(), Map.of());
  }
}
