package io.meshgov.engine.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.engine.json.AuditRecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditSinkTest {

  @TempDir Path dir;

  @Test
  void record_newFile_writesOneLinePerRecord() throws IOException {
    Path file = dir.resolve("audit.jsonl");

    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.record(SampleRecords.permit());
      sink.record(SampleRecords.deny("d-2"));
    }

    assertEquals(
        SampleRecords.PERMIT_LINE + "\n" + line(SampleRecords.deny("d-2")) + "\n",
        Files.readString(file, UTF_8));
  }

  @Test
  void record_beforeClose_isAlreadyInTheFile() throws IOException {
    Path file = dir.resolve("audit.jsonl");

    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.record(SampleRecords.permit());
      // No close, no flush: the line must already be visible to another reader.
      assertEquals(SampleRecords.PERMIT_LINE + "\n", Files.readString(file, UTF_8));
    }
  }

  @Test
  void record_afterReopen_appendsAfterExistingLines() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.record(SampleRecords.permit());
      sink.record(SampleRecords.deny("d-2"));
    }
    byte[] before = Files.readAllBytes(file);

    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.record(SampleRecords.deny("d-3"));
    }

    byte[] after = Files.readAllBytes(file);
    assertArrayEquals(before, Arrays.copyOf(after, before.length));
    assertEquals(
        line(SampleRecords.deny("d-3")) + "\n",
        new String(after, before.length, after.length - before.length, UTF_8));
  }

  @Test
  void open_tornLastLine_startsNextRecordOnItsOwnLine() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    String torn = SampleRecords.PERMIT_LINE + "\n" + "{\"decisionId\":\"d-2\",\"ti";
    Files.writeString(file, torn, UTF_8);

    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.record(SampleRecords.deny("d-3"));
    }

    String content = Files.readString(file, UTF_8);
    assertEquals(torn + "\n" + line(SampleRecords.deny("d-3")) + "\n", content);
    List<String> lines = content.lines().toList();
    assertEquals(SampleRecords.deny("d-3"), AuditRecordJson.fromJsonLine(lines.get(2)));
  }

  @Test
  void open_tornLastLineWithoutRecords_addsNewlineAtOnce() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "{\"decisionId\":", UTF_8);

    JsonLinesAuditSink.open(file).close();

    assertEquals("{\"decisionId\":\n", Files.readString(file, UTF_8));
  }

  @Test
  void open_existingEmptyFile_addsNothing() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.createFile(file);

    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      sink.record(SampleRecords.permit());
    }

    assertEquals(SampleRecords.PERMIT_LINE + "\n", Files.readString(file, UTF_8));
  }

  @Test
  void open_fileEndingWithNewline_addsNoBlankLine() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, SampleRecords.PERMIT_LINE + "\n", UTF_8);

    JsonLinesAuditSink.open(file).close();

    assertEquals(SampleRecords.PERMIT_LINE + "\n", Files.readString(file, UTF_8));
  }

  @Test
  void record_withFsync_writesRecord() throws IOException {
    Path file = dir.resolve("audit.jsonl");

    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file, true)) {
      sink.record(SampleRecords.permit());
    }

    assertEquals(SampleRecords.PERMIT_LINE + "\n", Files.readString(file, UTF_8));
  }

  @Test
  void record_fourThreads_writesEveryLineWhole() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    int threads = 4;
    int perThread = 500;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    sink.record(SampleRecords.deny("t" + thread + "-" + i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    String content = Files.readString(file, UTF_8);
    assertTrue(content.endsWith("\n"));
    List<String> lines = content.lines().toList();
    assertEquals(2000, lines.size());
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      AuditRecord record = AuditRecordJson.fromJsonLine(line);
      assertEquals(line(SampleRecords.deny(record.decisionId())), line);
      ids.add(record.decisionId());
    }
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        expected.add("t" + t + "-" + i);
      }
    }
    assertEquals(expected, ids);
  }

  @Test
  void record_afterClose_throwsAuditException() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(file);
    sink.record(SampleRecords.permit());
    sink.close();

    AuditException e =
        assertThrows(AuditException.class, () -> sink.record(SampleRecords.deny("d-2")));

    assertEquals(
        "cannot write audit record d-2 to " + file + ": the sink is closed", e.getMessage());
    assertEquals(SampleRecords.PERMIT_LINE + "\n", Files.readString(file, UTF_8));
  }

  @Test
  void close_twice_isIdempotent() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(file);
    sink.record(SampleRecords.permit());

    sink.close();
    sink.close();

    assertEquals(SampleRecords.PERMIT_LINE + "\n", Files.readString(file, UTF_8));
  }

  @Test
  void open_pathIsDirectory_throwsNamingPath() {
    AuditException e = assertThrows(AuditException.class, () -> JsonLinesAuditSink.open(dir));

    assertEquals(
        "cannot open audit file " + dir + ": it is a directory; give a file path", e.getMessage());
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void open_parentMissing_throwsNamingPath() {
    Path file = dir.resolve("missing").resolve("audit.jsonl");

    AuditException e = assertThrows(AuditException.class, () -> JsonLinesAuditSink.open(file));

    assertEquals(
        "cannot open audit file " + file + ": parent directory " + dir.resolve("missing")
            + " does not exist; create it first (the sink does not create directories)",
        e.getMessage());
    assertInstanceOf(IOException.class, e.getCause());
    assertFalse(Files.exists(dir.resolve("missing")));
  }

  @Test
  void record_deviceFull_throwsAuditExceptionNamingFile() {
    // Linux: every write to /dev/full fails with ENOSPC, a real disk-full error.
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "/dev/full not available");

    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(full)) {
      AuditException e =
          assertThrows(AuditException.class, () -> sink.record(SampleRecords.permit()));

      assertEquals(
          "cannot write audit record d-1 to /dev/full: No space left on device", e.getMessage());
      assertInstanceOf(IOException.class, e.getCause());
      // The sink stays usable and keeps refusing loudly rather than dropping.
      assertThrows(AuditException.class, () -> sink.record(SampleRecords.deny("d-2")));
    }
  }

  private static String line(AuditRecord record) {
    return AuditRecordJson.toJsonLine(record);
  }
}
