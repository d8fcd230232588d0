package io.meshgov.api;

/**
 * Receives one {@link AuditRecord} per decision. Implementations must be thread-safe: the engine
 * calls {@link #record} from every deciding thread.
 *
 * <p>A record that cannot be written must never vanish: {@link #record} then throws {@link
 * AuditException}, and the engine fails the decision with it rather than hand out an unaudited
 * answer.
 */
public interface AuditSink extends AutoCloseable {

  /** Writes (or hands off) one record. Throws {@link AuditException} if it cannot. */
  void record(AuditRecord record);

  /** Flushes and releases resources; the sink records nothing afterwards. */
  @Override
  default void close() {}

  /** A sink that discards every record, for callers that audit elsewhere. */
  static AuditSink discarding() {
    return DiscardingAuditSink.INSTANCE;
  }
}
