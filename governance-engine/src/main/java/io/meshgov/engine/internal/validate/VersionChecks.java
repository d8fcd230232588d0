package io.meshgov.engine.internal.validate;

import io.meshgov.engine.internal.problem.Position;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the versions of each policy set against each other: one scope, distinct versions, and
 * never two in force at the same instant unless a higher one supersedes an open-ended lower one.
 */
final class VersionChecks {
  private VersionChecks() {}

  static void checkVersions(List<PolicySetVersion> sets, ProblemSink problems) {
    Map<String, List<PolicySetVersion>> byId = new LinkedHashMap<>();
    for (PolicySetVersion set : sets) {
      byId.computeIfAbsent(set.id(), id -> new ArrayList<>()).add(set);
    }
    for (List<PolicySetVersion> versions : byId.values()) {
      for (int i = 0; i < versions.size(); i++) {
        for (int j = 0; j < i; j++) {
          PolicySetVersion a = versions.get(j);
          PolicySetVersion b = versions.get(i);
          Position at = b.position();
          if (!a.scope().equals(b.scope())) {
            problems.error("scope-conflict", b.file(), at,
                "policy set '" + b.id() + "' has scope " + b.scope() + " here but " + a.scope() + " in " + a.file(),
                "give every version of a policy set the same scope, or use another id");
          } else if (a.version().compareTo(b.version()) == 0) {
            problems.error("duplicate-id", b.file(), at,
                "policy set '" + b.id() + "' version " + b.version() + " is already defined in " + a.file(),
                "bump the version of the changed copy");
          } else if (overlap(a, b) && !supersedes(a, b) && !supersedes(b, a)) {
            problems.error("overlapping-versions", b.file(), at,
                "versions " + a.version() + " (" + a.file() + ") and " + b.version() + " of policy set '" + b.id()
                    + "' are both in force " + overlapStart(a, b),
                "set effective.until of version " + (a.version().compareTo(b.version()) < 0 ? a.version() : b.version())
                    + " to the effective.from of version "
                    + (a.version().compareTo(b.version()) < 0 ? b.version() : a.version()));
          }
        }
      }
    }
  }

  /**
   * Whether {@code newer} takes over from an open-ended {@code older}: a higher version that starts
   * later. That is how versions are meant to sit side by side ("different effective.from"); from
   * its start the highest version in force wins, so the two are never in force together.
   */
  static boolean supersedes(PolicySetVersion newer, PolicySetVersion older) {
    return newer.version().compareTo(older.version()) > 0
        && older.until() == null
        && newer.from() != null
        && (older.from() == null || older.from().isBefore(newer.from()));
  }

  private static boolean overlap(PolicySetVersion a, PolicySetVersion b) {
    Instant start = latest(a.from(), b.from());
    Instant endA = a.until();
    Instant endB = b.until();
    Instant end = endA == null ? endB : endB == null ? endA : (endA.isBefore(endB) ? endA : endB);
    return end == null || start == null || start.isBefore(end);
  }

  private static String overlapStart(PolicySetVersion a, PolicySetVersion b) {
    Instant start = latest(a.from(), b.from());
    return start == null ? "from the beginning of time" : "from " + start;
  }

  private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }
}
