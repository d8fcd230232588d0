package io.meshgov.sql.it;

import io.meshgov.api.Mask;
import io.meshgov.api.MaskMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The masks to prove: every one the shipped bundle writes, and a generated set around their edges. */
final class MaskCorpus {
  private MaskCorpus() {}

  static List<Mask> all(Path policies) {
    Set<Mask> masks = new LinkedHashSet<>(shipped(policies));
    masks.addAll(generated());
    return List.copyOf(masks);
  }

  static List<Mask> generated() {
    List<Mask> masks = new ArrayList<>();
    for (int[] shown : new int[][] {{0, 0}, {0, 4}, {6, 4}, {2, 2}, {1, 0}, {0, 1}, {3, 0}, {100, 100}}) {
      for (String maskChar : List.of("*", "#", "\ud83d\ude00", "'", "\\")) {
        masks.add(new Mask(MaskMethod.PARTIAL, Map.of("showFirst", shown[0], "showLast", shown[1], "maskChar", maskChar)));
      }
    }
    masks.add(Mask.of(MaskMethod.PARTIAL));
    masks.add(Mask.of(MaskMethod.EMAIL));
    masks.add(Mask.of(MaskMethod.YEAR));
    masks.add(Mask.of(MaskMethod.HASH));
    for (String salt : List.of("", "pepper", "s'alt\\--;", "\ud83d\ude00\u00e9", "\u0000nul")) {
      masks.add(new Mask(MaskMethod.HASH, Map.of("salt", salt)));
    }
    masks.add(Mask.of(MaskMethod.REDACT));
    for (String replacement : List.of("", "[redacted]", "O'Reilly; DROP TABLE t; --", "\ud83d\ude00", "/* x */\n")) {
      masks.add(new Mask(MaskMethod.REDACT, Map.of("replacement", replacement)));
    }
    masks.add(Mask.of(MaskMethod.DEFAULT));
    masks.add(Mask.of(MaskMethod.NULLIFY));
    return masks;
  }

  /** Every {@code mask:} of a rule in the bundle's policy files, read as the files write it. */
  static List<Mask> shipped(Path policies) {
    List<Mask> masks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(policies)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Yaml yaml = new Yaml(new LoaderOptions());
        for (Object document : yaml.loadAll(Files.readString(file))) {
          if (document instanceof Map<?, ?> map && map.get("rules") instanceof List<?> rules) {
            for (Object rule : rules) {
              if (rule instanceof Map<?, ?> ruleMap && ruleMap.get("mask") instanceof Map<?, ?> mask) {
                masks.add(toMask(mask));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (masks.isEmpty()) {
      throw new IllegalStateException("no mask found under " + policies);
    }
    return masks;
  }

  private static Mask toMask(Map<?, ?> yaml) {
    MaskMethod method = MaskMethod.fromWireName(String.valueOf(yaml.get("method"))).orElseThrow();
    Map<String, Object> parameters = new java.util.LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : yaml.entrySet()) {
      if (!"method".equals(entry.getKey())) {
        parameters.put(String.valueOf(entry.getKey()), entry.getValue());
      }
    }
    return new Mask(method, parameters);
  }
}
