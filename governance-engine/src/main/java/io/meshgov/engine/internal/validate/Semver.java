package io.meshgov.engine.internal.validate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A semantic version (semver.org 2.0.0), ordered by precedence; build metadata is ignored. */
public record Semver(long major, long minor, long patch, String preRelease, String text) implements Comparable<Semver> {
  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  public static Optional<Semver> parse(String text) {
    Matcher matcher = SEMVER.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Semver(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
          Long.parseLong(matcher.group(3)), matcher.group(4) == null ? "" : matcher.group(4), text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public int compareTo(Semver other) {
    int result = Long.compare(major, other.major);
    if (result == 0) {
      result = Long.compare(minor, other.minor);
    }
    if (result == 0) {
      result = Long.compare(patch, other.patch);
    }
    if (result != 0) {
      return result;
    }
    // a version without pre-release outranks one with it
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    String[] mine = preRelease.split("\\.");
    String[] theirs = other.preRelease.split("\\.");
    for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
      boolean mineNumeric = mine[i].chars().allMatch(Character::isDigit);
      boolean theirsNumeric = theirs[i].chars().allMatch(Character::isDigit);
      int step;
      if (mineNumeric && theirsNumeric) {
        step = new java.math.BigInteger(mine[i]).compareTo(new java.math.BigInteger(theirs[i]));
      } else if (mineNumeric != theirsNumeric) {
        step = mineNumeric ? -1 : 1;
      } else {
        step = mine[i].compareTo(theirs[i]);
      }
      if (step != 0) {
        return step;
      }
    }
    return Integer.compare(mine.length, theirs.length);
  }

  @Override
  public String toString() {
    return text;
  }
}
