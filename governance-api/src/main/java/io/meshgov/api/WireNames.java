package io.meshgov.api;

import java.util.Optional;
import java.util.function.Function;

/** Looks up the constant of a closed set by the name policy files and JSON use. */
final class WireNames {
  private WireNames() {}

  static <E extends Enum<E>> Optional<E> find(E[] values, String name, Function<E, String> wireName) {
    for (E value : values) {
      if (wireName.apply(value).equals(name)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
