package io.meshgov.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshgov.api.Decision;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API, listed in a checked-in file ({@code api/meshgov.api}, as OkHttp keeps {@code
 * okhttp.api}), so that every change to it shows in review. The list covers governance-api and the
 * five packages the engine module exports. After an intended change, regenerate the file with
 * {@code mvn -pl governance-engine -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmeshgov.updateApi=true} and commit it with the change.
 */
class PublicApiTest {
  private static final Path API_FILE = Path.of("api/meshgov.api");
  private static final List<String> PACKAGES = List.of("io.meshgov.api", "io.meshgov.engine",
      "io.meshgov.engine.audit", "io.meshgov.engine.json", "io.meshgov.engine.mask",
      "io.meshgov.engine.subjects");

  @Test
  void publicApi_matchesTheCheckedInList() throws Exception {
    String actual = describe();
    if (Boolean.getBoolean("meshgov.updateApi")) {
      Files.createDirectories(API_FILE.getParent());
      Files.writeString(API_FILE, actual, UTF_8);
    }
    String expected = Files.exists(API_FILE) ? Files.readString(API_FILE, UTF_8) : "";
    assertEquals(expected, actual, "the public API changed: if intended, regenerate " + API_FILE
        + " with -Dmeshgov.updateApi=true (see this class's Javadoc) and commit it");
  }

  private static String describe() throws Exception {
    StringBuilder out = new StringBuilder();
    for (String pkg : PACKAGES) {
      for (String className : classNames(pkg)) {
        Class<?> type = Class.forName(className);
        if (!isVisible(type)) {
          continue;
        }
        out.append(type.toGenericString()).append(" {\n");
        TreeSet<String> members = new TreeSet<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
          if (isVisible(constructor.getModifiers())) {
            members.add(constructor.toGenericString());
          }
        }
        for (Method method : type.getDeclaredMethods()) {
          if (isVisible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
            members.add(method.toGenericString());
          }
        }
        for (Field field : type.getDeclaredFields()) {
          if (isVisible(field.getModifiers()) && !field.isSynthetic()) {
            members.add(field.toGenericString());
          }
        }
        for (String member : members) {
          out.append("  ").append(member).append('\n');
        }
        out.append("}\n\n");
      }
    }
    return out.toString();
  }

  private static boolean isVisible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!isVisible(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** Every class of {@code pkg}, from the directory or jar it was loaded from, sorted. */
  private static List<String> classNames(String pkg) throws IOException, URISyntaxException {
    Class<?> anchor = pkg.equals("io.meshgov.api") ? Decision.class : GovernanceEngine.class;
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      collect(location, pkg, names);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
        collect(jar.getPath("/"), pkg, names);
      }
    }
    names.sort(null);
    return names;
  }

  private static void collect(Path root, String pkg, List<String> names) throws IOException {
    Path dir = root.resolve(pkg.replace('.', '/'));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.equals("package-info.class") && !name.equals("module-info.class")) {
          names.add(pkg + "." + name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
  }
}
