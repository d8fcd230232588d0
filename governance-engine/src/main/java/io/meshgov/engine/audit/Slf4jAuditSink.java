package io.meshgov.engine.audit;

import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.AuditSink;
import io.meshgov.engine.json.AuditRecordJson;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each record's {@link AuditRecordJson JSON line} at INFO, by default to the logger {@value
 * #DEFAULT_LOGGER_NAME}. The message is the JSON line alone, so a log shipper can parse it.
 *
 * <p><b>Delivery.</b> SLF4J reports no write failures, so once the logger accepts a line, the
 * logging backend owns it. What this sink can see, it does not hide: if the logger has INFO
 * disabled (including the no-op logger used when no SLF4J provider is present), {@link #record}
 * throws {@link AuditException} instead of dropping the record. For a sink that proves each
 * line reached the operating system, use {@link JsonLinesAuditSink}.
 *
 * <p>Thread-safe, as SLF4J loggers are. {@link #close} is idempotent; records are refused
 * afterwards.
 */
public final class Slf4jAuditSink implements AuditSink {

  /** The logger name used by {@link #create()}. */
  public static final String DEFAULT_LOGGER_NAME = "meshgov.audit";

  private final Logger logger;
  private volatile boolean closed;

  private Slf4jAuditSink(Logger logger) {
    this.logger = logger;
  }

  /** A sink logging to {@value #DEFAULT_LOGGER_NAME}. */
  public static Slf4jAuditSink create() {
    return create(DEFAULT_LOGGER_NAME);
  }

  /** A sink logging to the logger named {@code loggerName}. */
  public static Slf4jAuditSink create(String loggerName) {
    Objects.requireNonNull(loggerName, "loggerName");
    if (loggerName.isBlank()) {
      throw new IllegalArgumentException("loggerName must not be blank");
    }
    return new Slf4jAuditSink(LoggerFactory.getLogger(loggerName));
  }

  /** A sink logging to {@code logger}, for callers that manage their own loggers. */
  public static Slf4jAuditSink create(Logger logger) {
    return new Slf4jAuditSink(Objects.requireNonNull(logger, "logger"));
  }

  /** The name of the logger records go to. */
  public String loggerName() {
    return logger.getName();
  }

  /**
   * Logs {@code record} at INFO.
   *
   * @throws AuditException if the sink is closed or the logger has INFO disabled
   */
  @Override
  public void record(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      throw new AuditException(
          "cannot log audit record " + record.decisionId() + " to logger '" + logger.getName()
              + "': the sink is closed",
          new IllegalStateException("audit sink closed"));
    }
    // Checked per record: logging levels can change at runtime.
    if (!logger.isInfoEnabled()) {
      throw new AuditException(
          "cannot log audit record " + record.decisionId() + ": logger '" + logger.getName()
              + "' has INFO disabled, so the record would be lost; enable INFO for '"
              + logger.getName() + "' or use another audit sink",
          new IllegalStateException("INFO disabled for logger " + logger.getName()));
    }
    // info(String) does no {} substitution, so a value containing "{}" is logged as is.
    logger.info(AuditRecordJson.toJsonLine(record));
  }

  /** Refuses further records. Idempotent; the logger itself belongs to the logging backend. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "Slf4jAuditSink[" + logger.getName() + "]";
  }
}
