package io.meshgov.cli;

import io.meshgov.api.AuditSink;
import io.meshgov.engine.audit.JsonLinesAuditSink;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --audit FILE} for the commands that decide and so audit: {@code decide}, {@code explain}. */
final class AuditOption {
  @Option(names = "--audit", paramLabel = "FILE", description = "Append one audit record per decision (JSON Lines).")
  @Nullable Path audit;

  /**
   * The sink: the file, opened (created if absent) now, or a discarding sink without {@code --audit}.
   * Open it last when building an engine, so a bad setting before it leaves no file behind.
   */
  AuditSink open() {
    return audit == null ? AuditSink.discarding() : JsonLinesAuditSink.open(audit);
  }
}
