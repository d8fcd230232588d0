package io.meshgov.sql.it.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a JDK for Trino, on fake {@code /usr/lib/jvm}-like directories. */
class JdkLocatorTest {
  @TempDir Path jvmRoot;

  @Test
  void choosesTheNewestJdkOfAtLeast24() throws IOException {
    jdk("java-8-openjdk", "1.8.0_392");
    jdk("java-17-openjdk-amd64", "17.0.15");
    jdk("temurin-24-jdk", "24.0.1");
    Path newest = jdk("temurin-25-jdk-amd64", "25.0.3");
    Files.createDirectories(jvmRoot.resolve("not-a-jdk"));

    assertEquals(Optional.of(newest), JdkLocator.locate(Optional.empty(), jvmRoot));
  }

  @Test
  void findsNothingWhereEveryJdkIsOlderThan24() throws IOException {
    jdk("java-17-openjdk-amd64", "17.0.15");
    jdk("java-23-openjdk-amd64", "23.0.2");

    assertEquals(Optional.empty(), JdkLocator.locate(Optional.empty(), jvmRoot));
  }

  @Test
  void findsNothingWithoutTheDirectory() {
    assertEquals(Optional.empty(), JdkLocator.locate(Optional.empty(), jvmRoot.resolve("missing")));
  }

  @Test
  void ignoresAJdkWithoutAnExecutableJava() throws IOException {
    Path jre = Files.createDirectories(jvmRoot.resolve("temurin-25-broken"));
    Files.writeString(jre.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");

    assertEquals(Optional.empty(), JdkLocator.locate(Optional.empty(), jvmRoot));
  }

  @Test
  void prefersTheOverrideOverTheDirectory() throws IOException {
    jdk("temurin-26-jdk", "26");
    Path chosen = jdk("temurin-24-jdk", "24.0.1");

    assertEquals(Optional.of(chosen), JdkLocator.locate(Optional.of(chosen), jvmRoot));
  }

  @Test
  void rejectsAnOverrideThatCannotRunTrino() throws IOException {
    Path old = jdk("java-17-openjdk-amd64", "17.0.15");

    IllegalStateException tooOld =
        assertThrows(IllegalStateException.class, () -> JdkLocator.locate(Optional.of(old), jvmRoot));
    assertTrue(tooOld.getMessage().contains("is Java 17"), tooOld.getMessage());
    IllegalStateException notAJdk =
        assertThrows(
            IllegalStateException.class,
            () -> JdkLocator.locate(Optional.of(jvmRoot.resolve("nowhere")), jvmRoot));
    assertTrue(notAJdk.getMessage().contains("is not a JDK"), notAJdk.getMessage());
  }

  @Test
  void readsTheFeatureVersionFromTheReleaseFile() throws IOException {
    assertEquals(OptionalInt.of(25), JdkLocator.featureVersion(jdk("a", "25.0.3")));
    assertEquals(OptionalInt.of(8), JdkLocator.featureVersion(jdk("b", "1.8.0_392")));
    assertEquals(OptionalInt.of(26), JdkLocator.featureVersion(jdk("c", "26-ea")));
    assertEquals(OptionalInt.empty(), JdkLocator.featureVersion(jvmRoot.resolve("none")));
  }

  /** A fake JDK: an executable bin/java and a release file like Temurin's. */
  private Path jdk(String name, String javaVersion) throws IOException {
    Path home = Files.createDirectories(jvmRoot.resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"" + javaVersion + "+9\"\nJAVA_VERSION=\""
            + javaVersion + "\"\nOS_ARCH=\"x86_64\"\n");
    return home;
  }
}
