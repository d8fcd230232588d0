package io.meshgov.cli;

import io.meshgov.engine.json.AuditRecordJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts rotated audit files in the order their records were written: by the time of each file's
 * first record. Rotated names do not sort by age ({@code audit.jsonl} is the newest file, {@code
 * audit.jsonl.1.gz} older, {@code audit.jsonl.2.gz} older still), and a shell glob hands them over
 * by name; rotated files do not overlap in time, so their first records order them.
 */
final class AuditFileOrder {
  /** How far into a file to look for its first record; a file with nothing readable so far goes last. */
  static final int LINES_TO_LOOK_AT = 100;

  private AuditFileOrder() {}

  /** The files, oldest first; files without a record near their start keep their order, after the others. */
  static List<Path> oldestFirst(List<Path> files) throws IOException {
    record Dated(Path file, Instant firstRecord) {}
    List<Dated> dated = new ArrayList<>(files.size());
    for (Path file : files) {
      dated.add(new Dated(file, firstRecordTime(file)));
    }
    dated.sort(Comparator.comparing(Dated::firstRecord)); // stable: equal times keep the given order
    return dated.stream().map(Dated::file).toList();
  }

  private static Instant firstRecordTime(Path file) throws IOException {
    try (AuditLineReader lines = AuditFiles.open(file)) {
      for (int i = 0; i < LINES_TO_LOOK_AT; i++) {
        AuditLine line = lines.next();
        if (line == null) {
          break;
        }
        if (line.text() != null) {
          try {
            return AuditRecordJson.fromJsonLine(line.text()).time();
          } catch (IllegalArgumentException notARecord) {
            // reported when the file is read for real; look on
          }
        }
      }
    }
    return Instant.MAX;
  }
}
