package io.meshgov.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One user of a subjects file (docs/policy-language.md, "Subjects file"): who they are, and the
 * purpose their requests carry when the caller names none. A null purpose means none; an empty one
 * is read as none too, since an empty request purpose already means "no purpose".
 */
public record SubjectEntry(Subject subject, @Nullable String purpose) {
  public SubjectEntry {
    Objects.requireNonNull(subject, "subject");
    if (purpose != null && purpose.isEmpty()) {
      purpose = null;
    }
  }

  /** The subject's id. */
  public String id() {
    return subject.id();
  }
}
