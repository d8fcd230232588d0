package io.meshgov.api;

/** Errors reject a bundle or request; warnings are reported and change nothing. */
public enum Severity {
  ERROR,
  WARNING
}
