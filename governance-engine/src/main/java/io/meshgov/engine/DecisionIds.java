package io.meshgov.engine;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered decision ids (UUID version 7: 48 bits of Unix milliseconds, then random bits), so
 * audit records sort by id. ThreadLocalRandom keeps id generation contention-free; the ids need to
 * be unique, not unguessable.
 */
final class DecisionIds {
  private DecisionIds() {}

  static String next(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
