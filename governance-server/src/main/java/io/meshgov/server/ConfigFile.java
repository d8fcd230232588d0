package io.meshgov.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the server's config file, YAML: the settings' keys at the top, the {@code trino.*} ones in
 * a {@code trino:} section. It is read as a node tree rather than into maps, so that every mistake
 * (an unknown key, a list where a value belongs) is reported at its line and column.
 */
final class ConfigFile {
  /** A value and where it stands, {@code file:line:column}, for messages about it. */
  record Value(String text, String where) {}

  private final Path file;
  private final Map<ServerSetting, Value> values = new EnumMap<>(ServerSetting.class);
  private final List<String> problems = new ArrayList<>();

  private ConfigFile(Path file) {
    this.file = file;
  }

  /**
   * The file's values by setting.
   *
   * @throws ServerConfigException with every problem of the file
   */
  static Map<ServerSetting, Value> read(Path file) {
    ConfigFile config = new ConfigFile(file);
    config.parse();
    if (!config.problems.isEmpty()) {
      throw new ServerConfigException(config.problems);
    }
    return config.values;
  }

  private void parse() {
    Node root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(reader);
    } catch (IOException e) {
      problems.add(file + ": cannot read the config file: " + e.getMessage());
      return;
    } catch (MarkedYAMLException e) {
      problems.add(where(e.getProblemMark()) + ": not YAML: " + e.getProblem());
      return;
    }
    if (root == null) {
      return;  // an empty file sets nothing
    }
    readSection(root, "");
  }

  private void readSection(Node node, String prefix) {
    if (!(node instanceof MappingNode mapping)) {
      problems.add(where(node.getStartMark()) + ": expected keys and values"
          + (prefix.isEmpty() ? "" : " under '" + prefix.substring(0, prefix.length() - 1) + "'"));
      return;
    }
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      Node valueNode = entry.getValueNode();
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(keyNode);
      if (prefix.isEmpty() && key.equals("trino")) {
        readSection(valueNode, "trino.");
        continue;
      }
      ServerSetting setting = ServerSetting.fromKey(prefix + key).orElse(null);
      if (setting == null) {
        problems.add(where(keyNode.getStartMark()) + ": unknown key '" + key + "'; known keys"
            + (prefix.isEmpty() ? "" : " under 'trino'") + ": " + knownKeys(prefix));
        continue;
      }
      if (!(valueNode instanceof ScalarNode scalar)) {
        problems.add(where(valueNode.getStartMark()) + ": " + setting.key() + ": expected a single value");
        continue;
      }
      values.put(setting, new Value(scalar.getValue(), where(valueNode.getStartMark())));
    }
  }

  private static String knownKeys(String prefix) {
    String keys = Arrays.stream(ServerSetting.values())
        .map(ServerSetting::key)
        .filter(key -> prefix.isEmpty() ? !key.contains(".") : key.startsWith(prefix))
        .map(key -> key.substring(prefix.length()))
        .collect(Collectors.joining(", "));
    return prefix.isEmpty() ? keys + ", trino" : keys;
  }

  private String where(Mark mark) {
    // SnakeYAML counts from 0; problems everywhere else in meshgov count from 1
    return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }
}
