package io.meshgov.samples.embedded;

import io.meshgov.api.Subject;
import java.util.Objects;

/**
 * Someone calling the service: who they are (as the platform's identity provider would describe
 * them), a label for the printout, and the purpose they declare for this read.
 */
public record Caller(String label, Subject subject, String purpose) {
  public Caller {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(purpose, "purpose");
  }
}
