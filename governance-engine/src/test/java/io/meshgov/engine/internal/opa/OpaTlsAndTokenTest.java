package io.meshgov.engine.internal.opa;

import static io.meshgov.engine.internal.opa.OpaTestSupport.MEMBER;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET;
import static io.meshgov.engine.internal.opa.OpaTestSupport.SET_VERSION;
import static io.meshgov.engine.internal.opa.OpaTestSupport.assertFailClosedContaining;
import static io.meshgov.engine.internal.opa.OpaTestSupport.request;
import static io.meshgov.engine.internal.opa.OpaTestSupport.result;
import static io.meshgov.engine.internal.opa.OpaTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgov.api.Decision;
import io.meshgov.api.Effect;
import io.meshgov.api.OpaConsultation;
import io.meshgov.api.OpaSettings;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.internal.opa.OpaTestSupport.FakeTicker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reaching OPA securely: https with the deployment's own CA ({@code trustedCertificates}), and a
 * bearer token, fixed or from a file that is re-read when it changes (at most once a second).
 */
class OpaTlsAndTokenTest {
  @StartStop final MockWebServer opa = new MockWebServer();
  @TempDir Path directory;

  // ---- bearer token ----

  @Test
  void bearerToken_isSentAsAuthorizationHeader() throws Exception {
    opa.enqueue(result("d-1", "{}"));
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).bearerToken("s3cret-token").build())) {
      engine.decide(request(MEMBER, "region"));
    }
    assertEquals("Bearer s3cret-token", opa.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void bearerTokenFile_isReadWithoutSurroundingWhitespace() throws Exception {
    Path file = Files.writeString(directory.resolve("token"), "  tok-1\n", StandardCharsets.UTF_8);
    opa.enqueue(result("d-1", "{}"));
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).bearerTokenFile(file).build())) {
      engine.decide(request(MEMBER, "region"));
    }
    assertEquals("Bearer tok-1", opa.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void bearerTokenFile_rewritten_isPickedUpAtTheNextCheck() throws Exception {
    Path file = Files.writeString(directory.resolve("token"), "tok-1\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T10:00:00Z")));
    FakeTicker ticker = new FakeTicker();
    for (int i = 0; i < 3; i++) {
      opa.enqueue(result("d-" + i, "{}"));
    }
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).bearerTokenFile(file).ticker(ticker)
        .cache(Duration.ZERO, 0).build())) {
      engine.decide(request(MEMBER, "region"));
      assertEquals("Bearer tok-1", opa.takeRequest().getHeaders().get("Authorization"));

      Files.writeString(file, "tok-2\n");
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T10:05:00Z")));
      engine.decide(request(MEMBER, "region"));
      assertEquals("Bearer tok-1", opa.takeRequest().getHeaders().get("Authorization"),
          "the file is checked at most once a second");

      ticker.advance(Duration.ofMillis(1_500));
      engine.decide(request(MEMBER, "region"));
      assertEquals("Bearer tok-2", opa.takeRequest().getHeaders().get("Authorization"));
    }
  }

  @Test
  void bearerTokenFile_unreadableOrBlankLater_keepsTheLastToken() throws Exception {
    Path file = Files.writeString(directory.resolve("token"), "tok-1\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T10:00:00Z")));
    FakeTicker ticker = new FakeTicker();
    for (int i = 0; i < 2; i++) {
      opa.enqueue(result("d-" + i, "{}"));
    }
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).bearerTokenFile(file).ticker(ticker)
        .cache(Duration.ZERO, 0).build())) {
      Files.delete(file);
      ticker.advance(Duration.ofSeconds(2));
      engine.decide(request(MEMBER, "region"));
      assertEquals("Bearer tok-1", opa.takeRequest().getHeaders().get("Authorization"), "a file being replaced");

      Files.writeString(file, "   \n");
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T10:05:00Z")));
      ticker.advance(Duration.ofSeconds(2));
      engine.decide(request(MEMBER, "region"));
      assertEquals("Bearer tok-1", opa.takeRequest().getHeaders().get("Authorization"), "a blank file");
    }
  }

  @Test
  void bearerToken_refusedByOpa_deniesNamingOpasError() {
    opa.enqueue(OpaTestSupport.status(401, "{\"code\":\"unauthorized\",\"message\":\"missing or invalid "
        + "bearer token\"}"));
    try (GovernanceEngine engine = OpaTestSupport.engine(settings(opa).bearerToken("stale-token").build())) {
      OpaTestSupport.assertFailClosed(engine.decide(request(MEMBER, "region")),
          "OPA answered HTTP 401: unauthorized: missing or invalid bearer token");
    }
    assertEquals(1, opa.getRequestCount(), "an authentication failure is not retried");
  }

  @Test
  void bearerTokenFile_empty_failsTheBuild() throws Exception {
    Path file = Files.writeString(directory.resolve("token"), " \n");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> OpaTestSupport.engine(settings(opa).bearerTokenFile(file).build()));
    assertEquals("the OPA bearer token file " + file + " is empty", thrown.getMessage());
  }

  @Test
  void bearerTokenFile_missing_failsTheBuild() {
    Path file = directory.resolve("no-such-token");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> OpaTestSupport.engine(settings(opa).bearerTokenFile(file).build()));
    assertTrue(thrown.getMessage().startsWith("cannot read the OPA bearer token file " + file + ": "),
        thrown.getMessage());
  }

  @Test
  void bearerToken_blankOrWithControlCharacters_isRefusedByTheBuilder() {
    OpaSettings.Builder builder = settings(opa);
    assertEquals("bearer token must not be blank or hold control characters",
        assertThrows(IllegalArgumentException.class, () -> builder.bearerToken(" ")).getMessage());
    assertEquals("bearer token must not be blank or hold control characters",
        assertThrows(IllegalArgumentException.class, () -> builder.bearerToken("tok\r\nX-Injected: 1")).getMessage());
  }

  // ---- TLS ----

  private record Pki(HeldCertificate root, HandshakeCertificates server) {}

  private static Pki pki(String name) throws IOException {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName(name + " root").build();
    HeldCertificate leaf = new HeldCertificate.Builder()
        .commonName("localhost")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName(InetAddress.getByName("localhost").getCanonicalHostName())
        .addSubjectAlternativeName("127.0.0.1")
        .signedBy(root)
        .build();
    return new Pki(root, new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate()).build());
  }

  private static MockWebServer https(Pki pki) throws IOException {
    MockWebServer server = new MockWebServer();
    server.useHttps(pki.server().sslSocketFactory());
    server.start();
    return server;
  }

  private Path pem(HeldCertificate root, String name) throws IOException {
    return Files.writeString(directory.resolve(name), root.certificatePem());
  }

  @Test
  void https_withTrustedCertificates_succeeds_andSendsTheToken() throws Exception {
    Pki pki = pki("meshgov test");
    try (MockWebServer server = https(pki)) {
      server.enqueue(result("d-tls", "{}"));
      String url = server.url("/").toString();
      assertTrue(url.startsWith("https://"), url);
      try (GovernanceEngine engine = OpaTestSupport.engine(OpaSettings.builder(URI.create(url))
          .trustedCertificates(pem(pki.root(), "ca.pem"))
          .bearerToken("tls-token")
          .callTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
          .build())) {
        Decision decision = engine.decide(request(MEMBER, "region"));
        assertEquals(Effect.PERMIT, decision.effect(), () -> "opa: " + decision.opa());
        assertEquals(List.of(new OpaConsultation(SET, SET_VERSION, "d-tls", false, false, null)), decision.opa());
      }
      RecordedRequest recorded = server.takeRequest();
      assertNotNull(recorded.getHandshake(), "the request came over TLS");
      assertEquals("Bearer tls-token", recorded.getHeaders().get("Authorization"));
    }
  }

  @Test
  void https_withoutTrustedCertificates_deniesWithAHandshakeCause() throws Exception {
    Pki pki = pki("meshgov test");
    try (MockWebServer server = https(pki)) {
      server.enqueue(result("d-tls", "{}"));
      String url = server.url("/").toString();
      try (GovernanceEngine engine = OpaTestSupport.engine(OpaSettings.builder(URI.create(url))
          .callTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
          .build())) {
        Decision decision = engine.decide(request(MEMBER, "region"));
        assertFailClosedContaining(decision, "cannot reach OPA at " + url + " securely: ", "SSLHandshakeException",
            "--opa-ca-file");
        assertEquals("tls", decision.opa().get(0).error());
        assertEquals(1, engine.opaStatistics().orElseThrow().httpAttempts(), "a failed handshake is not retried");
      }
    }
  }

  @Test
  void https_trustingAnotherCa_deniesWithAHandshakeCause() throws Exception {
    Pki pki = pki("meshgov test");
    Pki other = pki("someone else");
    try (MockWebServer server = https(pki)) {
      String url = server.url("/").toString();
      try (GovernanceEngine engine = OpaTestSupport.engine(OpaSettings.builder(URI.create(url))
          .trustedCertificates(pem(other.root(), "other-ca.pem"))
          .callTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
          .build())) {
        assertFailClosedContaining(engine.decide(request(MEMBER, "region")), "SSLHandshakeException");
      }
    }
  }

  @Test
  void trustedCertificates_withoutACertificate_failTheBuild() throws Exception {
    Path empty = Files.writeString(directory.resolve("empty.pem"), "");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> OpaTestSupport.engine(settings(opa).trustedCertificates(empty).build()));
    assertEquals("no certificate in " + empty + "; give a PEM file of CA certificates", thrown.getMessage());
  }

  @Test
  void trustedCertificates_missingFile_failsTheBuild() {
    Path missing = directory.resolve("missing.pem");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> OpaTestSupport.engine(settings(opa).trustedCertificates(missing).build()));
    assertTrue(thrown.getMessage().startsWith("cannot read trusted certificates from " + missing + ": "),
        thrown.getMessage());
  }
}
