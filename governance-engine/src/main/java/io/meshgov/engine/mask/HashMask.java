package io.meshgov.engine.mask;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * {@code hash}: lowercase hex SHA-256 of the UTF-8 of salt followed by value. The salt is encoded
 * once, here; per value only the value is encoded and digested.
 */
final class HashMask implements MaskFunction {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<HashState> STATE = ThreadLocal.withInitial(HashState::new);

  /** Kept only for the rare value that completes a surrogate pair the salt began. */
  private final String salt;

  private final byte[] saltBytes;
  private final boolean saltEndsInHighSurrogate;

  HashMask(String salt) {
    this.salt = salt;
    this.saltBytes = salt.getBytes(StandardCharsets.UTF_8);
    this.saltEndsInHighSurrogate =
        !salt.isEmpty() && Character.isHighSurrogate(salt.charAt(salt.length() - 1));
  }

  @Override
  public @Nullable Object apply(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    String text = ValueTypes.string(value);
    HashState state = STATE.get();
    MessageDigest digest = state.digest;
    if (saltEndsInHighSurrogate && !text.isEmpty() && Character.isLowSurrogate(text.charAt(0))) {
      // UTF-8 of (salt + value) differs from UTF-8 of salt then of value only here.
      digest.update((salt + text).getBytes(StandardCharsets.UTF_8));
    } else {
      digest.update(saltBytes);
      digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = state.bytes;
    try {
      digest.digest(bytes, 0, bytes.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
    char[] hex = state.hex;
    for (int i = 0; i < bytes.length; i++) {
      hex[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(hex);
  }

  /** Never shows the salt, nor whether there is one. */
  @Override
  public String toString() {
    return "MaskFunction[hash on string]";
  }

  /** One digest and its buffers per thread: MessageDigest is not thread-safe. */
  private static final class HashState {
    final MessageDigest digest;
    final byte[] bytes = new byte[32];
    final char[] hex = new char[64];

    HashState() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform must support SHA-256", e);
      }
    }
  }
}
