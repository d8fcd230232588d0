package io.meshgov.cli;

import io.meshgov.api.AuditRecord;
import io.meshgov.engine.json.AuditRecordJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = {"Answer who accessed what, and when, from audit files (JSON Lines, plain or gzipped, "
        + "rotated files in any order): one line per matching record and a summary, or the matching lines.",
        "Malformed lines are reported as FILE:LINE: why on stderr and skipped.",
        "Exit 0 when answered; 1 with --strict when a line was malformed; 2 for a file that cannot be read "
            + "or a usage error."})
final class AuditCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "Audit files as the --audit option of decide writes them; gzipped files are recognised by "
          + "their content.")
  List<Path> files;

  @Mixin AuditFilterOptions criteria;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). table: aligned lines and a summary; "
          + "jsonl: the matching lines, unchanged.")
  AuditFormat format = AuditFormat.table;

  @Option(names = "--strict", description = "Exit 1 when any line was malformed (after answering).")
  boolean strict;

  @Spec CommandSpec spec;

  /** What --since counts back from; tests set a fixed clock. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditFilter filter = criteria.filter(clock.instant());
    AuditFiles.requireReadable(files);
    @Nullable AuditTable table = format == AuditFormat.table ? new AuditTable(out, header(filter), AuditTable.ALIGNMENT_WINDOW) : null;
    long read = 0;
    long matched = 0;
    long malformed = 0;
    @Nullable Path current = null;
    try {
      for (Path file : AuditFileOrder.oldestFirst(files)) {
        current = file;
        try (AuditLineReader lines = AuditFiles.open(file)) {
          for (AuditLine line = lines.next(); line != null; line = lines.next()) {
            String problem = line.problem();
            AuditRecord record = null;
            if (problem == null) {
              try {
                record = AuditRecordJson.fromJsonLine(line.text());
              } catch (IllegalArgumentException notARecord) {
                problem = notARecord.getMessage();
              }
            }
            if (record == null) {
              malformed++;
              err.println(file + ":" + line.number() + ": " + problem);
              err.flush(); // a problem shows when it is found, before the answer it precedes
              continue;
            }
            read++;
            if (!filter.matches(record)) {
              continue;
            }
            matched++;
            if (table == null) {
              // the line as written, so a matching record can be fed to any JSON Lines tool
              out.print(line.text());
              out.print('\n');
            } else {
              table.add(row(record, filter));
            }
          }
        }
      }
    } catch (IOException e) {
      out.flush();
      err.println("error: cannot read audit file " + current + ": " + e.getMessage());
      err.flush();
      return GovernanceCli.BAD_INPUT;
    }
    if (table != null) {
      table.finish();
      out.println(matched + " record(s) matched of " + read + " read in " + files.size() + " file(s)");
    }
    out.flush();
    err.flush();
    return strict && malformed > 0 ? GovernanceCli.FAILED : GovernanceCli.OK;
  }

  private static List<String> header(AuditFilter filter) {
    List<String> header = new ArrayList<>(List.of("time", "subject", "action", "product", "effect", "purpose",
        "decisionId"));
    if (filter.column() != null) {
      header.add(filter.column());
    }
    return header;
  }

  /** The record's display fields; the time to the second (jsonl has it to the nanosecond). */
  private static List<String> row(AuditRecord record, AuditFilter filter) {
    List<String> row = new ArrayList<>(8);
    row.add(record.time().truncatedTo(ChronoUnit.SECONDS).toString());
    row.add(record.subject());
    row.add(record.action());
    row.add(record.product());
    row.add(record.effect().wireName());
    row.add(record.purpose().isEmpty() ? "-" : record.purpose());
    row.add(record.decisionId());
    if (filter.column() != null) {
      row.add(record.columns().get(filter.column()));
    }
    return row;
  }
}
