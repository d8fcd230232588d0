package io.meshgov.engine.internal.opa;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Stops calling an OPA server that keeps failing, so a dead server costs a decision microseconds
 * instead of a timeout. Closed, it lets every call through and counts consecutive failures; at the
 * threshold it opens and refuses calls for the open duration; then it lets exactly one trial call
 * through (half-open): success closes it, failure opens it again. Only failures to reach OPA count
 * (transport errors, timeouts, 502/503/504, 429), not answers OPA gave.
 *
 * <p>Lock-free: the state is one immutable value swapped by compare-and-set.
 */
final class CircuitBreaker {
  /** Closed, open or half-open, as {@link OpaStatistics} reports it. */
  enum Status {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private record State(Status status, int failures, long openedAt) {}

  private static final State CLOSED = new State(Status.CLOSED, 0, 0);

  private final int threshold;
  private final long openNanos;
  private final LongSupplier ticker;
  private final AtomicReference<State> state = new AtomicReference<>(CLOSED);

  CircuitBreaker(int threshold, long openNanos, LongSupplier ticker) {
    this.threshold = threshold;
    this.openNanos = openNanos;
    this.ticker = ticker;
  }

  /** Whether a call may go out now; when open past its duration, only the first caller's may. */
  boolean tryAcquire() {
    while (true) {
      State current = state.get();
      switch (current.status()) {
        case CLOSED:
          return true;
        case HALF_OPEN:
          return false;
        default:
          if (ticker.getAsLong() - current.openedAt() < openNanos) {
            return false;
          }
          if (state.compareAndSet(current, new State(Status.HALF_OPEN, current.failures(), current.openedAt()))) {
            return true;
          }
      }
    }
  }

  /** OPA answered (whatever the answer): it is reachable. */
  void onSuccess() {
    if (state.get() != CLOSED) {
      state.set(CLOSED);
    }
  }

  /** OPA could not be reached, or answered 502, 503, 504 or 429. */
  void onFailure() {
    while (true) {
      State current = state.get();
      State next;
      if (current.status() == Status.CLOSED && current.failures() + 1 < threshold) {
        next = new State(Status.CLOSED, current.failures() + 1, 0);
      } else if (current.status() == Status.OPEN) {
        return;
      } else {
        next = new State(Status.OPEN, current.failures() + 1, ticker.getAsLong());
      }
      if (state.compareAndSet(current, next)) {
        return;
      }
    }
  }

  Status status() {
    State current = state.get();
    if (current.status() == Status.OPEN && ticker.getAsLong() - current.openedAt() >= openNanos) {
      return Status.HALF_OPEN;
    }
    return current.status();
  }

  /** When open, the time left before a trial call, in nanoseconds; else 0. */
  long remainingOpenNanos() {
    State current = state.get();
    return current.status() == Status.OPEN ? Math.max(0, openNanos - (ticker.getAsLong() - current.openedAt())) : 0;
  }
}
