package io.meshgov.engine.audit;

import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.AuditSink;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps records in memory, in the order they were recorded, for tests and tools.
 *
 * <p>Unbounded by default. With a capacity, a record beyond it is refused with {@link
 * AuditException}; nothing is ever evicted, so what {@link #records()} shows is everything that
 * was accepted since the last {@link #clear()}.
 *
 * <p>Thread-safe and lock-free: records go to a {@link ConcurrentLinkedQueue}, and a slot is
 * reserved with a compare-and-set on the count before the record is added, so concurrent
 * callers cannot overshoot the capacity. Records made concurrently with {@link #clear()} may or
 * may not survive it. {@link #close} is idempotent; records are refused afterwards, while {@link
 * #records()} still answers.
 */
public final class InMemoryAuditSink implements AuditSink {

  private final int capacity;
  private final ConcurrentLinkedQueue<AuditRecord> records = new ConcurrentLinkedQueue<>();
  // Reserved slots: always >= records.size(), so the capacity check is never too lenient.
  private final AtomicInteger reserved = new AtomicInteger();
  private volatile boolean closed;

  /** An unbounded sink. */
  public InMemoryAuditSink() {
    this.capacity = Integer.MAX_VALUE;
  }

  /**
   * A sink that holds at most {@code capacity} records and refuses more.
   *
   * @throws IllegalArgumentException if {@code capacity} is less than 1
   */
  public InMemoryAuditSink(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Keeps {@code record}.
   *
   * @throws AuditException if the sink is full or closed
   */
  @Override
  public void record(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      throw new AuditException(
          "cannot keep audit record "
              + record.decisionId()
              + ": the in-memory audit sink is closed",
          new IllegalStateException("audit sink closed"));
    }
    int count;
    do {
      count = reserved.get();
      if (count >= capacity) {
        throw new AuditException(
            "in-memory audit sink is full (capacity " + capacity
                + "); raise it with new InMemoryAuditSink(capacity)",
            new IllegalStateException("capacity " + capacity + " reached"));
      }
    } while (!reserved.compareAndSet(count, count + 1));
    records.add(record);
  }

  /** A snapshot of the records kept, oldest first; unmodifiable and unaffected by later calls. */
  public List<AuditRecord> records() {
    return List.copyOf(records);
  }

  /** Removes every record kept so far, freeing their capacity. */
  public void clear() {
    int removed = 0;
    while (records.poll() != null) {
      removed++;
    }
    reserved.addAndGet(-removed);
  }

  /** Refuses further records. Idempotent; {@link #records()} keeps answering. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "InMemoryAuditSink[" + records.size() + " records"
        + (capacity == Integer.MAX_VALUE ? "" : ", capacity " + capacity) + "]";
  }
}
