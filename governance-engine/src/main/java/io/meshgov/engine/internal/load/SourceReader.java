package io.meshgov.engine.internal.load;

import io.meshgov.api.LoadLimits;
import io.meshgov.engine.internal.problem.ProblemSink;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parses a YAML or JSON text into a positioned tree, choosing the parser by file name. */
public final class SourceReader {
  private final YamlSourceReader yaml;
  private final JsonSourceReader json;

  public SourceReader(LoadLimits limits) {
    this.yaml = new YamlSourceReader(limits);
    this.json = new JsonSourceReader(limits);
  }

  /** Parses {@code text}; {@code .json} files (and stdin, named {@code -}) as JSON, others as YAML. */
  public @Nullable SourceNode read(String file, String text, ProblemSink problems) {
    return isJson(file) ? json.read(file, text, problems) : yaml.read(file, text, problems);
  }

  public static boolean isJson(String file) {
    return file.toLowerCase(Locale.ROOT).endsWith(".json") || file.equals("-") || file.equals("<stdin>");
  }

  public static boolean isPolicyFile(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }
}
