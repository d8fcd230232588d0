package io.meshgov.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that a reader sees the old content or the new, never half of it: the text goes
 * to a temporary file next to the target (the same file system, so the move can be atomic), which
 * then replaces the target.
 */
final class AtomicFile {
  private AtomicFile() {}

  static void write(Path target, String text) throws IOException {
    Path absolute = target.toAbsolutePath();
    // not Files.createTempFile: its owner-only permissions would stay on a page meant to be shared
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      try {
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // some file systems cannot rename atomically; a plain replace is still better than writing in place
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
