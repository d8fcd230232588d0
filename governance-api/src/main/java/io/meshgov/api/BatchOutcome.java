package io.meshgov.api;

import java.util.Objects;

/** The result of one request of a batch: a decision, or the request's problems. */
public sealed interface BatchOutcome permits BatchOutcome.Decided, BatchOutcome.Rejected {

  record Decided(Decision decision) implements BatchOutcome {
    public Decided {
      Objects.requireNonNull(decision, "decision");
    }
  }

  record Rejected(RequestException error) implements BatchOutcome {
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }
}
