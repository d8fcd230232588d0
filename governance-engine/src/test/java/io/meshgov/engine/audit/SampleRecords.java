package io.meshgov.engine.audit;

import io.meshgov.api.AuditRecord;
import io.meshgov.api.Effect;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Audit records shared by the sink tests. */
final class SampleRecords {

  /** The JSON line of {@link #permit()}, written out by hand from docs/audit-format.md. */
  static final String PERMIT_LINE =
      "{\"decisionId\":\"d-1\",\"time\":\"2026-11-24T10:00:00Z\",\"subject\":\"alice\","
          + "\"product\":\"payments\",\"productVersion\":\"1.2.0\",\"action\":\"read\","
          + "\"purpose\":\"fraud-investigation\",\"effect\":\"permit\","
          + "\"columns\":{\"iban\":\"mask:partial\",\"amount\":\"allow\",\"email\":\"deny\"},"
          + "\"rules\":[\"pii/mask-iban@3\",\"finance/allow-fraud@1\"],"
          + "\"bundleDigest\":\"sha256:ab12\",\"latencyMicros\":42}";

  private SampleRecords() {}

  static AuditRecord permit() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("iban", "mask:partial");
    columns.put("amount", "allow");
    columns.put("email", "deny");
    return new AuditRecord(
        "d-1",
        Instant.parse("2026-11-24T10:00:00Z"),
        "alice",
        "payments",
        "1.2.0",
        "read",
        "fraud-investigation",
        Effect.PERMIT,
        columns,
        List.of("pii/mask-iban@3", "finance/allow-fraud@1"),
        "sha256:ab12",
        42,
        List.of());
  }

  /** A deny with a given id, no columns and no rules. */
  static AuditRecord deny(String decisionId) {
    return new AuditRecord(
        decisionId,
        Instant.parse("2026-11-24T10:00:01Z"),
        "bob",
        "payments",
        "1.2.0",
        "read",
        "marketing",
        Effect.DENY,
        Map.of(),
        List.of(),
        "sha256:ab12",
        7,
        List.of());
  }
}
