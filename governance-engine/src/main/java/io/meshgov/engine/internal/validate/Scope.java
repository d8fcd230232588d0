package io.meshgov.engine.internal.validate;

import org.jspecify.annotations.Nullable;

/** {@code global}, or {@code domain:<domain>} when {@code domain} is set. */
public record Scope(@Nullable String domain) {
  public static final Scope GLOBAL = new Scope(null);

  public boolean isGlobal() {
    return domain == null;
  }

  @Override
  public String toString() {
    return domain == null ? "global" : "domain:" + domain;
  }
}
