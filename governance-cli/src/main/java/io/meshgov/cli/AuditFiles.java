package io.meshgov.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens audit files for {@code governance audit}: plain JSON Lines or gzipped, told apart by the
 * gzip magic bytes rather than the name, since rotation tools name compressed files in many ways
 * (and some compress without renaming).
 */
final class AuditFiles {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private AuditFiles() {}

  /**
   * Checks every file before any is read, so a typo in the last name fails the command before it
   * prints a partial answer.
   *
   * @throws IllegalArgumentException naming the first file that is missing, a directory or unreadable
   */
  static void requireReadable(List<Path> files) {
    for (Path file : files) {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException("cannot read audit file " + file
            + ": it is a directory; give its files (a shell glob such as " + file.resolve("*") + ")");
      }
      if (!Files.exists(file)) {
        throw new IllegalArgumentException("cannot read audit file " + file + ": no such file");
      }
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read audit file " + file + ": permission denied");
      }
    }
  }

  /** The file's lines, decompressed when the file starts with the gzip magic bytes. */
  static AuditLineReader open(Path file) throws IOException {
    PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 2);
    try {
      byte[] start = in.readNBytes(2);
      in.unread(start);
      boolean gzip = start.length == 2 && (start[0] & 0xff) == GZIP_MAGIC_1 && (start[1] & 0xff) == GZIP_MAGIC_2;
      return new AuditLineReader(gzip ? gunzip(in) : in, gzip);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The decompressed stream. A file cut inside the gzip header is answered like one cut later,
   * by the reader's "truncated gzip stream" at line 1, not as a file that cannot be opened.
   */
  private static InputStream gunzip(InputStream in) throws IOException {
    try {
      return new GZIPInputStream(in, 1 << 16);
    } catch (EOFException | ZipException broken) {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          throw broken;
        }

        @Override
        public void close() throws IOException {
          in.close();
        }
      };
    }
  }
}
