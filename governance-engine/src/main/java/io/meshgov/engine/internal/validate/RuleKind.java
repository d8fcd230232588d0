package io.meshgov.engine.internal.validate;

import java.util.Optional;

/** The four kinds of rule of docs/policy-language.md. */
public enum RuleKind {
  ACCESS("access"),
  MASK("mask"),
  ROW_FILTER("row-filter"),
  RETENTION("retention");

  private final String wireName;

  RuleKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<RuleKind> fromWireName(String name) {
    for (RuleKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
