package io.meshgov.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server on a copy of the shipped bundle, edited while it serves. */
class HotReloadTest {
  @TempDir static Path temp;
  private static final FakeTrinoAnswers TRINO = new FakeTrinoAnswers();
  private static Path bundle;
  private static MeshgovServer server;
  private static Http http;

  @BeforeAll
  static void start() throws IOException {
    bundle = temp.resolve("policies");
    Path shipped = Path.of(System.getProperty("meshgov.policies"));
    try (Stream<Path> files = Files.walk(shipped)) {
      for (Path source : files.toList()) {
        Path target = bundle.resolve(shipped.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    server = MeshgovServer.start(ServerConfig.builder(bundle).port(0).build(), SubjectsSource.NONE, TRINO.factory());
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aBrokenBundleIsRejectedAndTheOldOneServes_aFixedOneIsServed() throws Exception {
    String original = server.bundle().digest();

    // a new subdirectory with a broken policy set: the watcher must see into directories created later
    Path extra = Files.createDirectories(bundle.resolve("global/extra"));
    Files.writeString(extra.resolve("broken.yaml"), "apiVersion: meshgov/v1\nkind: PolicySet\nmetadata: [\n");
    JsonNode rejected = awaitHealth(health -> !health.path("lastReload").path("accepted").asBoolean(true));
    assertEquals("bundle", rejected.path("lastReload").path("source").asText());
    assertTrue(rejected.path("lastReload").path("problems").toString().contains("broken.yaml"), rejected.toString());
    assertEquals(original, rejected.path("bundle").path("digest").asText());
    Http.Answer decision = http.post("/v1/decide", Http.sample("alice-invoices.json"));
    assertEquals(200, decision.status(), decision.body());
    assertEquals(original, decision.json().path("bundle").path("digest").asText());
    assertTrue(http.get("/metrics").body().contains("meshgov_reloads_total{outcome=\"rejected\",source=\"bundle\"} 1.0"));
    int invalidationsBefore = TRINO.invalidations.get();

    Files.delete(extra.resolve("broken.yaml"));
    Path manifest = bundle.resolve("bundle.yaml");
    Files.writeString(manifest, Files.readString(manifest).replace("revision: \"2026.11.1\"", "revision: \"2026.11.2\""));
    JsonNode accepted = awaitHealth(health -> health.path("lastReload").path("accepted").asBoolean()
        && health.path("bundle").path("revision").asText().equals("2026.11.2"));
    String fixed = accepted.path("bundle").path("digest").asText();
    assertNotEquals(original, fixed);
    decision = http.post("/v1/decide", Http.sample("alice-invoices.json"));
    assertEquals(fixed, decision.json().path("bundle").path("digest").asText());
    assertTrue(TRINO.invalidations.get() > invalidationsBefore, "an accepted reload empties the Trino cache");
    assertFalse(http.get("/metrics").body().contains("digest=\"" + original + "\""), "the info gauge follows the bundle");
  }

  private static JsonNode awaitHealth(Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonNode health = null;
    while (System.nanoTime() < deadline) {
      health = http.get("/health").json();
      if (condition.test(health)) {
        return health;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("health never reached the state; last: " + health);
  }
}
