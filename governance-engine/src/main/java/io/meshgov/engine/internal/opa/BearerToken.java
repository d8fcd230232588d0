package io.meshgov.engine.internal.opa;

import io.meshgov.api.OpaSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The bearer token for OPA: a fixed value, or a file read again when it changes, so a rotated
 * token (a Kubernetes projected service-account token, say) is used without a restart. The file's
 * modification time is checked at most once a second; a file that cannot be read keeps the last
 * token. Thread-safe.
 */
final class BearerToken {
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private final @Nullable Path file;
  private final LongSupplier ticker;
  private volatile @Nullable String token;
  private volatile @Nullable FileTime modified;
  private volatile long checkedAt;

  private BearerToken(@Nullable String token, @Nullable Path file, LongSupplier ticker) {
    this.token = token;
    this.file = file;
    this.ticker = ticker;
  }

  /**
   * @throws IllegalArgumentException if the token file cannot be read or is empty
   */
  static BearerToken of(OpaSettings settings) {
    BearerToken bearer = new BearerToken(settings.bearerToken(), settings.bearerTokenFile(), settings.ticker());
    if (bearer.file != null) {
      try {
        bearer.reload();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the OPA bearer token file " + bearer.file + ": " + e.getMessage(),
            e);
      }
      if (bearer.token == null) {
        throw new IllegalArgumentException("the OPA bearer token file " + bearer.file + " is empty");
      }
    }
    return bearer;
  }

  /** The current token, or null when none is configured. */
  @Nullable String current() {
    if (file != null && ticker.getAsLong() - checkedAt >= RECHECK_NANOS) {
      try {
        reload();
      } catch (IOException e) {
        // keep the last token: a file being replaced is briefly unreadable
      }
    }
    return token;
  }

  private void reload() throws IOException {
    checkedAt = ticker.getAsLong();
    FileTime time = Files.getLastModifiedTime(file);
    if (time.equals(modified)) {
      return;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (!text.isEmpty() && text.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
      token = text;
    }
    modified = time;
  }
}
