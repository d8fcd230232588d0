package io.meshgov.cli;

import io.meshgov.api.MaskMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The criteria of {@code governance audit}, as typed, and their checking: a value that cannot be
 * meant (a date that is not one, an effect that no record has) is a usage error rather than a
 * filter that silently matches nothing.
 */
final class AuditFilterOptions {
  private static final Set<String> DECISION_EFFECTS = Set.of("permit", "deny");
  private static final Set<String> COLUMN_EFFECTS = Set.of("allow", "deny", AuditFilter.ANY_MASK);
  private static final Pattern RULE = Pattern.compile("[^/@\\s]+/[^/@\\s]+(@[^/@\\s]+)?");
  private static final Pattern SINCE = Pattern.compile("(\\d{1,9})([dhms])");

  @Option(names = "--subject", paramLabel = "ID", description = "Only records of this subject id.")
  @Nullable String subject;

  @Option(names = "--product", paramLabel = "ID", description = "Only records of this product id.")
  @Nullable String product;

  @Option(names = "--column", paramLabel = "NAME",
      description = "Only records whose decision let this column through (allowed or masked); "
          + "shows its treatment in a last table column.")
  @Nullable String column;

  @Option(names = "--effect", paramLabel = "E",
      description = "Only this effect: permit or deny; with --column, the column's: allow, deny, mask or "
          + "mask:<method>.")
  @Nullable String effect;

  @Option(names = "--rule", paramLabel = "SET/RULE",
      description = "Only records where this rule applied, any version; SET/RULE@VERSION for one version.")
  @Nullable String rule;

  @Option(names = "--from", paramLabel = "T",
      description = "Only records at or after T: an instant such as 2026-11-01T00:00:00Z, or a date such as "
          + "2026-11-01 (its 00:00 UTC).")
  @Nullable String from;

  @Option(names = "--to", paramLabel = "T", description = "Only records before T (exclusive), as --from.")
  @Nullable String to;

  @Option(names = "--since", paramLabel = "DURATION",
      description = "Only records of the last DURATION: 30d, 12h, 90m or 45s.")
  @Nullable String since;

  /**
   * The filter, {@code --since} counted back from {@code now}.
   *
   * @throws IllegalArgumentException for a value that cannot be used, naming the option
   */
  AuditFilter filter(Instant now) {
    Instant lower = from == null ? null : instant("--from", from);
    Instant upper = to == null ? null : instant("--to", to);
    if (lower != null && upper != null && !lower.isBefore(upper)) {
      throw new IllegalArgumentException("--from " + from + " must be before --to " + to
          + " (--to is exclusive)");
    }
    if (since != null) {
      Instant start = now.minus(duration(since));
      lower = lower == null || start.isAfter(lower) ? start : lower;
    }
    return new AuditFilter(subject, product, column, effect == null ? null : effect(effect), ruleId(), lower, upper);
  }

  private String effect(String value) {
    if (column == null) {
      if (!DECISION_EFFECTS.contains(value)) {
        throw new IllegalArgumentException("--effect: '" + value + "' is not permit or deny "
            + "(allow, mask and mask:<method> are a column's, for use with --column)");
      }
      return value;
    }
    String method = value.substring(value.indexOf(':') + 1);
    boolean maskMethod = value.startsWith(AuditFilter.ANY_MASK + ":")
        && MaskMethod.fromWireName(method).filter(known -> known.wireName().equals(method)).isPresent();
    if (!COLUMN_EFFECTS.contains(value) && !maskMethod) {
      throw new IllegalArgumentException("--effect: with --column, '" + value + "' is not allow, deny, mask "
          + "or mask:<method> (" + methods() + ")");
    }
    return value;
  }

  private static String methods() {
    StringBuilder names = new StringBuilder();
    for (MaskMethod method : MaskMethod.values()) {
      names.append(names.length() == 0 ? "" : ", ").append(method.wireName());
    }
    return names.toString();
  }

  private @Nullable String ruleId() {
    if (rule != null && !RULE.matcher(rule).matches()) {
      throw new IllegalArgumentException("--rule: '" + rule + "' is not SET/RULE or SET/RULE@VERSION, "
          + "e.g. global.pii-protection/mask-email");
    }
    return rule;
  }

  /** An instant, or a date meaning its first moment in UTC (audit times are UTC instants). */
  private static Instant instant(String option, String value) {
    try {
      return InstantConverter.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  private static Duration duration(String value) {
    Matcher matcher = SINCE.matcher(value);
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new IllegalArgumentException("--since: '" + value + "' is not a positive whole number of days, "
          + "hours, minutes or seconds, like 30d, 12h, 90m or 45s");
    }
    // at most nine digits: even 999999999d is a Duration and an instant this many days back
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
