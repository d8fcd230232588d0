package io.meshgov.server;

import io.meshgov.api.BundleInfo;
import io.meshgov.api.Problem;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.server.trino.SubjectResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /health}: what the server serves and how the last reload went; 503 once it is closing. */
final class HealthHandler implements Endpoint {
  private final GovernanceEngine engine;
  private final SubjectResolver subjects;
  private final Reloader reloader;
  private final BooleanSupplier closing;

  HealthHandler(GovernanceEngine engine, SubjectResolver subjects, Reloader reloader, BooleanSupplier closing) {
    this.engine = engine;
    this.subjects = subjects;
    this.reloader = reloader;
    this.closing = closing;
  }

  @Override
  public Reply handle(Call call) {
    if (closing.getAsBoolean()) {
      return Reply.json(503, Map.of("status", "stopping"));
    }
    BundleInfo info = engine.bundle();
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("name", info.name());
    bundle.put("revision", info.revision());
    bundle.put("digest", info.digest());
    Reloader.Outcome last = reloader.last();
    List<Map<String, Object>> problems = new ArrayList<>();
    for (Problem problem : last.problems()) {
      problems.add(Json.problem(problem));
    }
    Map<String, Object> lastReload = new LinkedHashMap<>();
    lastReload.put("at", last.at().toString());
    lastReload.put("source", last.source());
    lastReload.put("accepted", last.accepted());
    lastReload.put("problems", problems);
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "serving");
    health.put("bundle", bundle);
    health.put("subjects", Map.of("digest", subjects.digest()));
    health.put("lastReload", lastReload);
    return Reply.json(200, health);
  }
}
