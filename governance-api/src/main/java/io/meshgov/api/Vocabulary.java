package io.meshgov.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The names a bundle's council declares in {@code bundle.yaml} (docs/policy-language.md, "Vocabulary"),
 * each in the order written. A null set was not declared: names of that kind are then not checked.
 * {@code tags} holds the tags as written; declaring {@code a.b} also declares {@code a}, which
 * {@link #declaresTag} answers.
 */
public record Vocabulary(
    @Nullable Set<String> tags,
    @Nullable Set<String> purposes,
    @Nullable Set<String> attributes,
    @Nullable Set<String> roles,
    @Nullable Set<String> groups) {

  /** A bundle without a vocabulary: nothing declared, so only the catalog's names are known. */
  public static final Vocabulary NONE = new Vocabulary(null, null, null, null, null);

  public Vocabulary {
    tags = copy(tags);
    purposes = copy(purposes);
    attributes = copy(attributes);
    roles = copy(roles);
    groups = copy(groups);
  }

  /** Whether {@code tag} or a tag below it ({@code tag.x}) is declared; false when no tags are declared. */
  public boolean declaresTag(String tag) {
    if (tags == null) {
      return false;
    }
    for (String declared : tags) {
      if (declared.equals(tag) || declared.startsWith(tag + ".")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a request may carry {@code purpose}: the empty purpose always, others when declared or nothing is. */
  public boolean allowsPurpose(String purpose) {
    return purpose.isEmpty() || purposes == null || purposes.contains(purpose);
  }

  private static @Nullable Set<String> copy(@Nullable Set<String> names) {
    return names == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(names));
  }
}
