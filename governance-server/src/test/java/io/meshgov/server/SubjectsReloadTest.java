package io.meshgov.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshgov.api.GovernanceException;
import io.meshgov.api.Problem;
import io.meshgov.api.Severity;
import io.meshgov.api.Subject;
import io.meshgov.server.trino.SubjectResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subjects file is watched and reloaded through the server's SubjectsSource. The source here
 * reads a file holding one word, the digest; the word "broken" is rejected.
 */
class SubjectsReloadTest {
  @TempDir Path temp;

  private static final SubjectsSource ONE_WORD = (file, vocabulary) -> {
    String word;
    try {
      word = Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (word.equals("broken")) {
      throw new GovernanceException("subjects rejected", List.of(new Problem(Severity.ERROR, "broken-subjects",
          file.getFileName().toString(), 1, 1, "the subjects are broken", null)));
    }
    return new SubjectResolver() {
      @Override
      public Subject subject(String user, List<String> groups) {
        return new Subject(user, groups, List.of(), Map.of());
      }

      @Override
      public Optional<String> purpose(String user) {
        return Optional.empty();
      }

      @Override
      public String digest() {
        return word;
      }
    };
  };

  @Test
  void aChangedSubjectsFileIsServed_aRejectedOneKeepsThePrevious() throws Exception {
    Path subjects = Files.writeString(temp.resolve("subjects.yaml"), "first");
    FakeTrinoAnswers trino = new FakeTrinoAnswers();
    ServerConfig config = ServerConfig.builder(Path.of(System.getProperty("meshgov.policies")))
        .port(0).subjects(subjects).build();
    try (MeshgovServer server = MeshgovServer.start(config, ONE_WORD, trino.factory())) {
      Http http = new Http(server.url());
      assertEquals("first", http.get("/health").json().path("subjects").path("digest").asText());

      // another file of the same directory is not the subjects file
      Files.writeString(temp.resolve("notes.txt"), "unrelated");
      Files.writeString(subjects, "second");
      JsonNode second = await(http, health -> health.path("subjects").path("digest").asText().equals("second"));
      assertEquals("subjects", second.path("lastReload").path("source").asText());
      assertTrue(trino.invalidations.get() > 0, "an accepted subjects file empties the Trino cache");

      Files.writeString(subjects, "broken");
      JsonNode rejected = await(http, health -> !health.path("lastReload").path("accepted").asBoolean(true));
      assertEquals("second", rejected.path("subjects").path("digest").asText());
      assertEquals("broken-subjects", rejected.path("lastReload").path("problems").get(0).path("code").asText());
      assertTrue(http.get("/metrics").body().contains("meshgov_reloads_total{outcome=\"rejected\",source=\"subjects\"} 1"));
    }
  }

  @Test
  void aRejectedSubjectsFileStopsTheStart_andWithoutAReaderAConfiguredFileIsRejected() throws IOException {
    Path subjects = Files.writeString(temp.resolve("subjects.yaml"), "broken");
    ServerConfig config = ServerConfig.builder(Path.of(System.getProperty("meshgov.policies")))
        .port(0).subjects(subjects).build();
    GovernanceException broken = assertThrows(GovernanceException.class,
        () -> MeshgovServer.start(config, ONE_WORD, new FakeTrinoAnswers().factory()));
    assertEquals("broken-subjects", broken.problems().get(0).code());
    GovernanceException unsupported = assertThrows(GovernanceException.class,
        () -> MeshgovServer.start(config, SubjectsSource.NONE, new FakeTrinoAnswers().factory()));
    assertEquals("subjects-unsupported", unsupported.problems().get(0).code());
  }

  private static JsonNode await(Http http, Predicate<JsonNode> condition) throws InterruptedException {
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
