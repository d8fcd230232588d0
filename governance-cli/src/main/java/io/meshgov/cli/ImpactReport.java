package io.meshgov.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshgov.cli.ImpactChange.Direction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every difference {@code impact} found, grouped by product and subject, each with the requests
 * it occurs in; written as text, JSON or Markdown.
 */
final class ImpactReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** Contexts listed per change before the rest is counted. */
  private static final int CONTEXTS_SHOWN = 6;

  /** The header: what was compared. */
  record Header(String base, String baseDigest, String proposed, String proposedDigest, String at, String corpus,
      long requests, int purposes) {}

  /** Changes of one subject: by kind, column, then values, so output never depends on decision order. */
  private static final java.util.Comparator<ImpactChange> ORDER = java.util.Comparator
      .comparing(ImpactChange::kind)
      .thenComparing(change -> String.valueOf(change.column()))
      .thenComparing(ImpactChange::direction)
      .thenComparing(ImpactChange::before)
      .thenComparing(ImpactChange::after)
      .thenComparing(change -> change.baseRules().toString())
      .thenComparing(change -> change.newRules().toString());

  private final Header header;
  /** product → subject → change → where it occurs; sorted, so output is stable. */
  private final Map<String, Map<String, Map<ImpactChange, Set<String>>>> changes = new TreeMap<>();

  ImpactReport(Header header) {
    this.header = header;
  }

  /** Thread-safe: the corpus is decided in parallel. Contexts are kept sorted, so output does not depend on it. */
  synchronized void add(ImpactChange change, String context) {
    changes.computeIfAbsent(change.product(), product -> new TreeMap<>())
        .computeIfAbsent(change.subject(), subject -> new TreeMap<>(ORDER))
        .computeIfAbsent(change, key -> new java.util.TreeSet<>())
        .add(context);
  }

  long count(Direction direction) {
    long count = 0;
    for (Map<String, Map<ImpactChange, Set<String>>> bySubject : changes.values()) {
      for (Map<ImpactChange, Set<String>> byChange : bySubject.values()) {
        count += byChange.keySet().stream().filter(change -> change.direction() == direction).count();
      }
    }
    return count;
  }

  void writeText(PrintWriter out) {
    out.println("impact of " + header.proposed() + " (" + header.proposedDigest() + ")");
    out.println("     over " + header.base() + " (" + header.baseDigest() + "), at " + header.at());
    out.println("corpus: " + header.corpus() + ": " + header.requests() + " requests, each decided under both bundles");
    out.println(summary());
    for (Map.Entry<String, Map<String, Map<ImpactChange, Set<String>>>> product : changes.entrySet()) {
      out.println();
      out.println(product.getKey());
      for (Map.Entry<String, Map<ImpactChange, Set<String>>> subject : product.getValue().entrySet()) {
        out.println("  " + subject.getKey());
        for (Map.Entry<ImpactChange, Set<String>> entry : subject.getValue().entrySet()) {
          ImpactChange change = entry.getKey();
          out.printf("    %-9s %s: %s -> %s%n", change.direction().wireName(), change.what(), change.before(),
              change.after());
          out.println("              in: " + contexts(entry.getValue()));
          if (!change.baseRules().isEmpty() || !change.newRules().isEmpty()) {
            out.println("              base: " + rules(change.baseRules()) + "; new: " + rules(change.newRules()));
          }
        }
      }
    }
    out.flush();
  }

  void writeMarkdown(PrintWriter out) {
    out.println("### Policy impact");
    out.println();
    out.println("`" + header.proposed() + "` (`" + header.proposedDigest() + "`) over `" + header.base() + "` (`"
        + header.baseDigest() + "`), at " + header.at() + ".");
    out.println();
    out.println("Corpus: " + header.corpus() + ": " + header.requests() + " requests, each decided under both bundles.");
    out.println();
    out.println("**" + summary() + "**");
    for (Map.Entry<String, Map<String, Map<ImpactChange, Set<String>>>> product : changes.entrySet()) {
      out.println();
      out.println("#### `" + product.getKey() + "`");
      out.println();
      out.println("| subject | | what | before | after | where | rules (base → new) |");
      out.println("|---|---|---|---|---|---|---|");
      for (Map.Entry<String, Map<ImpactChange, Set<String>>> subject : product.getValue().entrySet()) {
        for (Map.Entry<ImpactChange, Set<String>> entry : subject.getValue().entrySet()) {
          ImpactChange change = entry.getKey();
          out.println("| " + cell(subject.getKey()) + " | " + (change.direction() == Direction.LOOSENED
              ? ":warning: loosened" : "tightened") + " | " + cell(change.what()) + " | `" + cell(change.before())
              + "` | `" + cell(change.after()) + "` | " + cell(contexts(entry.getValue())) + " | "
              + cell(rules(change.baseRules())) + " → " + cell(rules(change.newRules())) + " |");
        }
      }
    }
    out.flush();
  }

  void writeJson(PrintWriter out) throws JsonProcessingException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("base", Map.of("bundle", header.base(), "digest", header.baseDigest()));
    document.put("proposed", Map.of("bundle", header.proposed(), "digest", header.proposedDigest()));
    document.put("at", header.at());
    document.put("corpus", header.corpus());
    document.put("requests", header.requests());
    document.put("loosened", count(Direction.LOOSENED));
    document.put("tightened", count(Direction.TIGHTENED));
    List<Map<String, Object>> list = new ArrayList<>();
    for (Map.Entry<String, Map<String, Map<ImpactChange, Set<String>>>> product : changes.entrySet()) {
      for (Map.Entry<String, Map<ImpactChange, Set<String>>> subject : product.getValue().entrySet()) {
        for (Map.Entry<ImpactChange, Set<String>> entry : subject.getValue().entrySet()) {
          ImpactChange change = entry.getKey();
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("product", change.product());
          item.put("subject", change.subject());
          item.put("class", change.direction().wireName());
          item.put("kind", change.kind().wireName());
          item.put("column", change.column());
          item.put("before", change.before());
          item.put("after", change.after());
          item.put("baseRules", change.baseRules());
          item.put("newRules", change.newRules());
          item.put("in", List.copyOf(entry.getValue()));
          list.add(item);
        }
      }
    }
    document.put("changes", list);
    out.println(JSON.writeValueAsString(document));
    out.flush();
  }

  private String summary() {
    long loosened = count(Direction.LOOSENED);
    long tightened = count(Direction.TIGHTENED);
    if (loosened + tightened == 0) {
      return "no difference";
    }
    return loosened + " loosened, " + tightened + " tightened";
  }

  /** Where a change occurs; an action that differs for every purpose is said once. */
  private String contexts(Set<String> contexts) {
    Map<String, Integer> perAction = new LinkedHashMap<>();
    for (String context : contexts) {
      int cut = context.indexOf(" for ");
      if (cut > 0 && !context.startsWith("test ")) {
        perAction.merge(context.substring(0, cut), 1, Integer::sum);
      }
    }
    List<String> compact = new ArrayList<>();
    for (String context : contexts) {
      int cut = context.indexOf(" for ");
      String action = cut > 0 && !context.startsWith("test ") ? context.substring(0, cut) : null;
      if (action != null && perAction.get(action) == header.purposes()) {
        String every = action + " for any purpose";
        if (!compact.contains(every)) {
          compact.add(every);
        }
      } else {
        compact.add(context);
      }
    }
    List<String> shown = new ArrayList<>();
    for (String context : compact) {
      if (shown.size() == CONTEXTS_SHOWN) {
        return String.join(", ", shown) + " and " + (compact.size() - CONTEXTS_SHOWN) + " more";
      }
      shown.add(context);
    }
    return String.join(", ", shown);
  }

  private static String rules(List<String> rules) {
    return rules.isEmpty() ? "(none)" : String.join(", ", rules);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
