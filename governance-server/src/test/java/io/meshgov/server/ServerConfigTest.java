package io.meshgov.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.server.trino.TrinoSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path temp;

  @Test
  void defaults() {
    ServerConfig config = ServerConfig.resolve(Map.of(ServerSetting.POLICIES, "policies"), null, Map.of());
    assertEquals(Path.of("policies"), config.policies());
    assertEquals("127.0.0.1", config.bind());
    assertEquals(8181, config.port());
    assertEquals(1024 * 1024, config.maxRequestBytes());
    assertEquals(Duration.ofSeconds(10), config.requestTimeout());
    assertNull(config.subjects());
    assertNull(config.audit());
    assertEquals(TrinoSettings.DEFAULTS, config.trino());
  }

  @Test
  void flagsWinOverTheEnvironment_whichWinsOverTheFile() throws IOException {
    Path file = Files.writeString(temp.resolve("server.yaml"), """
        policies: bundle
        port: 9000
        bind: 0.0.0.0
        request-timeout: 2s
        trino:
          decision-ttl: 30s
          allow-writes: true
        """);
    ServerConfig config = ServerConfig.resolve(Map.of(ServerSetting.PORT, "9100"), file,
        Map.of("MESHGOV_PORT", "9200", "MESHGOV_BIND", "10.0.0.1", "MESHGOV_TRINO_CACHE_SIZE", "50"));
    assertEquals(9100, config.port());
    assertEquals("10.0.0.1", config.bind());
    assertEquals(Duration.ofSeconds(2), config.requestTimeout());
    assertEquals(Duration.ofSeconds(30), config.trino().decisionTtl());
    assertTrue(config.trino().allowWrites());
    assertEquals(50, config.trino().maxCachedDecisions());
    // a relative path of the file is read from the file's directory
    assertEquals(temp.toAbsolutePath().resolve("bundle"), config.policies());
  }

  @Test
  void unknownKeys_areErrorsAtTheirPosition() throws IOException {
    Path file = Files.writeString(temp.resolve("server.yaml"), "policies: p\nprot: 9000\ntrino:\n  ttl: 5s\n");
    ServerConfigException e = assertThrows(ServerConfigException.class,
        () -> ServerConfig.resolve(Map.of(), file, Map.of()));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith(file + ":2:1: unknown key 'prot'"), e.getMessage());
    assertTrue(e.problems().get(1).startsWith(file + ":4:3: unknown key 'ttl'; known keys under 'trino': filter-identity"),
        e.getMessage());
  }

  @Test
  void badValues_nameTheirSource() {
    ServerConfigException e = assertThrows(ServerConfigException.class, () -> ServerConfig.resolve(
        Map.of(ServerSetting.PORT, "http"), null,
        Map.of("MESHGOV_TRINO_ALLOW_WRITES", "yes", "MESHGOV_REQUEST_TIMEOUT", "0s")));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("no policy bundle"), all);
    assertTrue(all.contains("--port: port: 'http' is not a whole number from 0 to 65535"), all);
    assertTrue(all.contains("MESHGOV_TRINO_ALLOW_WRITES: trino.allow-writes: 'yes' is not true or false"), all);
    assertTrue(all.contains("MESHGOV_REQUEST_TIMEOUT: request-timeout: '0s' is not a positive duration"), all);
  }

  @Test
  void settingNames() {
    assertEquals("MESHGOV_TRINO_DECISION_TTL", ServerSetting.TRINO_DECISION_TTL.environmentVariable());
    assertEquals("--trino-decision-ttl", ServerSetting.TRINO_DECISION_TTL.flag());
    assertEquals("--max-request-bytes", ServerSetting.MAX_REQUEST_BYTES.flag());
  }
}
