/**
 * Audit sinks: where the engine hands the one {@link io.meshgov.api.AuditRecord} it makes per
 * decision (docs/audit-format.md).
 *
 * <ul>
 *   <li>{@link io.meshgov.engine.audit.JsonLinesAuditSink} appends one JSON object per line to a
 *       file. It survives restarts, never rewrites earlier lines, and writes each record through
 *       to the operating system before {@code record} returns.
 *   <li>{@link io.meshgov.engine.audit.Slf4jAuditSink} logs each record's JSON line at INFO, for
 *       deployments that ship logs.
 *   <li>{@link io.meshgov.engine.audit.InMemoryAuditSink} keeps records in memory, for tests and
 *       tools.
 *   <li>{@link io.meshgov.engine.json.AuditRecordJson} is the single place that turns a record
 *       into its JSON line and back, so every sink writes the same bytes.
 * </ul>
 *
 * <p><b>A record is never silently dropped.</b> A sink either accepts a record or throws {@link
 * io.meshgov.api.AuditException} naming what failed: an I/O error, a closed sink, a full
 * in-memory sink, a logger that would discard INFO. The engine then fails the decision rather
 * than hand out an unaudited answer. No sink evicts, samples or retries quietly.
 *
 * <p>An audit record holds the subject's id only, never attribute values or data values; the
 * JSON form has exactly the fields docs/audit-format.md lists, so none can be added by accident.
 *
 * <p>Every sink here is thread-safe: the engine calls {@code record} from every deciding thread.
 */
@NullMarked
package io.meshgov.engine.audit;

import org.jspecify.annotations.NullMarked;
