package io.meshgov.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing lets a request in flight finish, then refuses connections. */
class GracefulCloseTest {
  @Test
  void close_finishesTheRequestInFlight() throws Exception {
    FakeTrinoAnswers trino = new FakeTrinoAnswers();
    MeshgovServer server = MeshgovServer.start(
        ServerConfig.builder(Path.of(System.getProperty("meshgov.policies"))).port(0)
            .shutdownTimeout(Duration.ofSeconds(10)).build(),
        SubjectsSource.NONE, trino.factory());
    Http http = new Http(server.url());
    CompletableFuture<Http.Answer> inFlight = CompletableFuture.supplyAsync(() -> http.post("/trino/allow", "{\"wait\": true}"));
    assertTrue(trino.waiting.await(10, TimeUnit.SECONDS), "the request reached the Trino answers");

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    Thread.sleep(300);
    assertTrue(!closing.isDone(), "close waits for the request in flight");
    trino.release.countDown();

    Http.Answer answer = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, answer.status(), answer.body());
    assertEquals("allow", answer.json().path("result").asText());
    closing.get(10, TimeUnit.SECONDS);
    assertThrows(UncheckedIOException.class, () -> http.get("/health"), "a closed server takes no connection");
  }

  @Test
  void aRequestOverTheDeadline_is503_notAHang() throws Exception {
    FakeTrinoAnswers trino = new FakeTrinoAnswers();
    try (MeshgovServer server = MeshgovServer.start(
        ServerConfig.builder(Path.of(System.getProperty("meshgov.policies"))).port(0)
            .requestTimeout(Duration.ofMillis(300)).build(),
        SubjectsSource.NONE, trino.factory())) {
      Http http = new Http(server.url());
      long start = System.nanoTime();
      Http.Answer answer = http.post("/trino/allow", "{\"wait\": true}");
      assertEquals(503, answer.status(), answer.body());
      assertEquals("request-timeout", answer.json().path("error").path("code").asText());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "answered at the deadline");
      trino.release.countDown();
    }
  }
}
