package io.meshgov.cli;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Splits an audit file's bytes into lines at {@code '\n'}, one line at a time, in bounded memory:
 * a read buffer and one line, and a line longer than {@link #MAX_LINE_BYTES} is skipped (reported,
 * not kept), so neither a huge file nor a file without newlines can exhaust the heap.
 *
 * <p>Lines are split on bytes rather than with a {@code BufferedReader}, whose {@code readLine}
 * also breaks at a lone {@code '\r'}: the text handed out is exactly the line's bytes, decoded as
 * strict UTF-8, so {@code --format jsonl} can print it unchanged.
 */
final class AuditLineReader implements Closeable {
  /**
   * Far above any real record (a 250-column decision is some 10 KB), far below any heap: a longer
   * line is not a record the engine wrote.
   */
  static final int MAX_LINE_BYTES = 1 << 20;

  private final InputStream in;
  private final boolean gzip;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[1024];
  private int lineLength;
  private long number;
  private boolean finished;

  /** Reads {@code in}, already decompressed when {@code gzip}; gzip only changes how a broken stream is told. */
  AuditLineReader(InputStream in, boolean gzip) {
    this.in = in;
    this.gzip = gzip;
  }

  /**
   * The next line, or null after the last. A gzip stream that ends early or is corrupt gives one
   * last unreadable line at the number of the first line not read in full, then the end.
   *
   * @throws IOException if the file cannot be read on (other than a broken gzip stream)
   */
  @Nullable AuditLine next() throws IOException {
    if (finished) {
      return null;
    }
    lineLength = 0;
    boolean tooLong = false;
    boolean sawBytes = false;
    while (true) {
      if (position == limit) {
        int read;
        try {
          read = in.read(buffer);
        } catch (EOFException | ZipException broken) {
          if (!gzip) {
            throw broken;
          }
          finished = true;
          return AuditLine.unreadable(number + 1, broken instanceof EOFException
              ? "truncated gzip stream" : "corrupt gzip stream (" + broken.getMessage() + ")");
        }
        if (read < 0) {
          finished = true;
          if (!sawBytes) {
            return null;
          }
          break; // the last line, without its '\n' (a torn line, as a crash leaves it)
        }
        position = 0;
        limit = read;
      }
      sawBytes = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline;
      if (!tooLong) {
        tooLong = !append(end - position);
      }
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    number++;
    if (tooLong) {
      return AuditLine.unreadable(number, "line longer than " + MAX_LINE_BYTES + " bytes");
    }
    try {
      return AuditLine.text(number, utf8.decode(ByteBuffer.wrap(line, 0, lineLength)).toString());
    } catch (CharacterCodingException e) {
      return AuditLine.unreadable(number, "not UTF-8 text");
    }
  }

  private int indexOfNewline() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Appends buffer[position, position + count) to the line; false, dropping the line, when it would grow too long. */
  private boolean append(int count) {
    if (lineLength + count > MAX_LINE_BYTES) {
      lineLength = 0;
      return false;
    }
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, lineLength + count)));
    }
    System.arraycopy(buffer, position, line, lineLength, count);
    lineLength += count;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
