package io.meshgov.engine.internal.load;

import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A file's bytes as text, decoded strictly: a malformed byte is an {@code encoding} error rather
 * than a replacement character that would read as part of a name. Bundle files and subjects files
 * share it, so both accept and reject the same bytes.
 */
public final class Utf8Text {
  private Utf8Text() {}

  /** The text of {@code bytes} without a leading byte order mark, or null after reporting invalid UTF-8. */
  public static @Nullable String decode(String file, byte[] bytes, ProblemSink problems) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      problems.error("encoding", file, Position.FILE, "the file is not valid UTF-8", "save the file as UTF-8");
      return null;
    }
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }
}
