package io.meshgov.engine.audit;

import io.meshgov.api.AuditException;
import io.meshgov.api.AuditRecord;
import io.meshgov.api.AuditSink;
import io.meshgov.engine.json.AuditRecordJson;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends one {@link AuditRecordJson JSON line} per record to a file (docs/audit-format.md).
 *
 * <p><b>Durability.</b> The file is opened in append mode and created if absent; its parent
 * directory must exist. Reopening after a restart appends after the existing lines, and earlier
 * bytes are never rewritten. If the file does not end with {@code '\n'} (a line torn by a crash),
 * a {@code '\n'} is appended first so the next record starts on its own line; the torn fragment
 * stays as evidence. Each record is handed to the operating system before {@link #record}
 * returns (there is no user-space buffer to lose); with {@code fsync} it is also forced to the
 * device.
 *
 * <p><b>Failures.</b> A record that cannot be written is never dropped: {@link #record} throws
 * {@link AuditException} naming the file and the cause, and so does recording after {@link
 * #close}.
 *
 * <p><b>Threads.</b> Thread-safe. Each line is serialized outside the lock, then written with one
 * {@code write} call while holding a {@link ReentrantLock}, so concurrent records never
 * interleave bytes within a line. The critical section is one system call (plus {@code fsync} if
 * asked), which is as short as a synchronous file sink can be; a lock-free queue with a writer
 * thread would let {@code record} return before the line exists, and a crash would then lose
 * records the engine had already answered for. One sink per file: two sinks, or two processes,
 * on the same file are not coordinated.
 *
 * <p>We use a {@link FileOutputStream} rather than a {@code FileChannel} on purpose: a {@code
 * FileChannel} is interruptible, so one interrupted deciding thread would close the channel and
 * break auditing for every other thread.
 */
public final class JsonLinesAuditSink implements AuditSink {

  private final Path file;
  private final boolean fsync;
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private final FileOutputStream out;
  private boolean closed;
  // Set when a write failed part-way, so the next write checks for a torn line first.
  private boolean checkTail;

  private JsonLinesAuditSink(Path file, boolean fsync, FileOutputStream out) {
    this.file = file;
    this.fsync = fsync;
    this.out = out;
  }

  /** Opens {@code file} for appending, without {@code fsync}; see {@link #open(Path, boolean)}. */
  public static JsonLinesAuditSink open(Path file) {
    return open(file, false);
  }

  /**
   * Opens {@code file} for appending, creating it if absent.
   *
   * @param fsync if true, every record is forced to the storage device before {@link #record}
   *     returns (survives a power loss, costs a disk flush per decision); if false, every record
   *     reaches the operating system (survives a crash of this process, not of the machine)
   * @throws AuditException if the parent directory does not exist, {@code file} is a directory,
   *     or the file cannot be opened or repaired; the message names the path
   */
  public static JsonLinesAuditSink open(Path file, boolean fsync) {
    Objects.requireNonNull(file, "file");
    FileOutputStream out;
    try {
      out = new FileOutputStream(file.toFile(), true);
    } catch (IOException e) {
      throw new AuditException(openFailure(file, e), e);
    }
    JsonLinesAuditSink sink = new JsonLinesAuditSink(file, fsync, out);
    try {
      sink.endTornLine();
      if (fsync) {
        out.getFD().sync();
      }
    } catch (IOException e) {
      closeQuietly(out, e);
      throw new AuditException(
          "cannot open audit file " + file + ": cannot check or repair its last line: "
              + describe(e),
          e);
    }
    return sink;
  }

  /** The file this sink appends to. */
  public Path file() {
    return file;
  }

  /**
   * Appends {@code record} as one line.
   *
   * @throws AuditException if the line could not be written, or the sink is closed
   */
  @Override
  public void record(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    byte[] line = AuditRecordJson.toJsonLineBytes(record);
    lock.lock();
    try {
      if (closed) {
        throw new AuditException(
            "cannot write audit record " + record.decisionId() + " to " + file
                + ": the sink is closed",
            new IllegalStateException("audit sink closed"));
      }
      if (checkTail) {
        endTornLine();
        checkTail = false;
      }
      out.write(line);
      if (fsync) {
        out.getFD().sync();
      }
    } catch (IOException e) {
      // The write may have landed in part; make the next record start on a fresh line.
      checkTail = true;
      throw new AuditException(
          "cannot write audit record " + record.decisionId() + " to " + file + ": " + describe(e),
          e);
    } finally {
      lock.unlock();
    }
  }

  /** Closes the file. Idempotent; {@link #record} throws afterwards. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      out.close();
    } catch (IOException e) {
      throw new AuditException("cannot close audit file " + file + ": " + describe(e), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "JsonLinesAuditSink[" + file + (fsync ? ", fsync" : "") + "]";
  }

  /**
   * Appends '\n' if the file is non-empty and does not end with one. The caller holds the lock
   * or has not yet published the sink.
   */
  private void endTornLine() throws IOException {
    if (!endsWithNewlineOrEmpty(file)) {
      out.write('\n');
    }
  }

  private static boolean endsWithNewlineOrEmpty(Path file) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length == 0) {
        return true;
      }
      in.seek(length - 1);
      return in.read() == '\n';
    }
  }

  private static String openFailure(Path file, IOException e) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      return "cannot open audit file " + file + ": parent directory " + parent
          + " does not exist; create it first (the sink does not create directories)";
    }
    if (Files.isDirectory(file)) {
      return "cannot open audit file " + file + ": it is a directory; give a file path";
    }
    return "cannot open audit file " + file + ": " + describe(e);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static void closeQuietly(FileOutputStream out, IOException primary) {
    try {
      out.close();
    } catch (IOException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }
}
