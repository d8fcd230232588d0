package io.meshgov.engine.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryAuditSinkTest {

  @Test
  void records_afterRecording_keepsCallOrder() {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    AuditRecord first = SampleRecords.permit();
    AuditRecord second = SampleRecords.deny("d-2");
    AuditRecord third = SampleRecords.deny("d-3");

    sink.record(first);
    sink.record(second);
    sink.record(third);

    assertEquals(List.of(first, second, third), sink.records());
  }

  @Test
  void records_snapshot_isUnaffectedByLaterRecordsAndUnmodifiable() {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    sink.record(SampleRecords.permit());

    List<AuditRecord> snapshot = sink.records();
    sink.record(SampleRecords.deny("d-2"));

    assertEquals(List.of(SampleRecords.permit()), snapshot);
    assertThrows(UnsupportedOperationException.class, () -> snapshot.add(SampleRecords.permit()));
  }

  @Test
  void clear_afterRecords_leavesNone() {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    sink.record(SampleRecords.permit());
    sink.record(SampleRecords.deny("d-2"));

    sink.clear();

    assertEquals(List.of(), sink.records());
  }

  @Test
  void record_overCapacity_throwsAndKeepsEarlierRecords() {
    InMemoryAuditSink sink = new InMemoryAuditSink(2);
    sink.record(SampleRecords.deny("d-1"));
    sink.record(SampleRecords.deny("d-2"));

    AuditException e =
        assertThrows(AuditException.class, () -> sink.record(SampleRecords.deny("d-3")));

    assertEquals(
        "in-memory audit sink is full (capacity 2); raise it with new InMemoryAuditSink(capacity)",
        e.getMessage());
    assertEquals(List.of(SampleRecords.deny("d-1"), SampleRecords.deny("d-2")), sink.records());
  }

  @Test
  void clear_whenFull_freesCapacity() {
    InMemoryAuditSink sink = new InMemoryAuditSink(1);
    sink.record(SampleRecords.deny("d-1"));

    sink.clear();
    sink.record(SampleRecords.deny("d-2"));

    assertEquals(List.of(SampleRecords.deny("d-2")), sink.records());
  }

  @Test
  void constructor_capacityZero_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new InMemoryAuditSink(0));
    assertEquals("capacity must be at least 1, was 0", e.getMessage());
  }

  @Test
  void record_afterClose_throwsAndRecordsStillReadable() {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    sink.record(SampleRecords.permit());
    sink.close();
    sink.close();

    AuditException e =
        assertThrows(AuditException.class, () -> sink.record(SampleRecords.deny("d-2")));

    assertEquals(
        "cannot keep audit record d-2: the in-memory audit sink is closed", e.getMessage());
    assertEquals(List.of(SampleRecords.permit()), sink.records());
  }

  @Test
  void record_fourThreads_keepsAll2000() throws Exception {
    InMemoryAuditSink sink = new InMemoryAuditSink();
    Set<String> ids = recordConcurrently(sink, 4, 500, new AtomicInteger());

    assertEquals(2000, sink.records().size());
    assertEquals(ids, idsOf(sink.records()));
  }

  @Test
  void record_fourThreadsOverCapacity_acceptsExactlyCapacity() throws Exception {
    InMemoryAuditSink sink = new InMemoryAuditSink(1500);
    AtomicInteger refused = new AtomicInteger();

    recordConcurrently(sink, 4, 500, refused);

    assertEquals(1500, sink.records().size());
    assertEquals(500, refused.get());
  }

  private static Set<String> recordConcurrently(
      InMemoryAuditSink sink, int threads, int perThread, AtomicInteger refused) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Set<String> ids = new HashSet<>();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        for (int i = 0; i < perThread; i++) {
          ids.add("t" + thread + "-" + i);
        }
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    try {
                      sink.record(SampleRecords.deny("t" + thread + "-" + i));
                    } catch (AuditException e) {
                      refused.incrementAndGet();
                    }
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
    return ids;
  }

  private static Set<String> idsOf(List<AuditRecord> records) {
    Set<String> ids = new HashSet<>();
    for (AuditRecord record : records) {
      ids.add(record.decisionId());
    }
    return ids;
  }
}
