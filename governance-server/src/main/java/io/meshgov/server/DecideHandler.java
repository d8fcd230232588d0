package io.meshgov.server;

import io.meshgov.api.Decision;
import io.meshgov.api.LoadLimits;
import io.meshgov.api.Problem;
import io.meshgov.api.RequestException;
import io.meshgov.api.Severity;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.engine.json.DecidedBatch;
import io.meshgov.engine.json.DecisionJson;
import io.meshgov.engine.json.RequestReader;
import java.util.List;

/**
 * {@code POST /v1/decide}: a request or a batch in, as the command line's {@code decide} reads them;
 * the decision or the batch out, as it prints them. Bad input is a 400 with its problems.
 */
final class DecideHandler implements Endpoint {
  /** The name problems carry; it ends in {@code .json} because that is how the reader picks JSON. */
  static final String BODY_FILE = "request.json";

  private final GovernanceEngine engine;
  private final CountedDecisions decisions;

  DecideHandler(GovernanceEngine engine, CountedDecisions decisions) {
    this.engine = engine;
    this.decisions = decisions;
  }

  @Override
  public Reply handle(Call call) {
    // a reader per call: it checks against the catalog, which a reload replaces
    RequestReader reader = new RequestReader(engine.catalog(), engine.vocabulary(), LoadLimits.DEFAULTS);
    RequestReader.Requests requests = reader.read(BODY_FILE, call.bodyText());
    if (!requests.problems().isEmpty()) {
      return Json.problems(400, requests.problems());
    }
    if (requests.items().isEmpty() && !requests.batch()) {
      return Json.problems(400, List.of(new Problem(Severity.ERROR, "empty-body", BODY_FILE, 0, 0,
          "the body holds no request", "send a request object, or an array of them for a batch")));
    }
    if (!requests.batch()) {
      RequestReader.Item item = requests.items().get(0);
      if (item.request() == null) {
        return Json.problems(400, item.problems());
      }
      try {
        Decision decision = decisions.decide("decide", item.request());
        return Reply.json(200, DecisionJson.write(decision, false));
      } catch (RequestException e) {
        return Json.problems(400, e.problems());
      }
    }
    return batch(requests.items());
  }

  /** As the command line: valid items are decided together, a bad item gets {@code {"index", "error"}}. */
  private Reply batch(List<RequestReader.Item> items) {
    return Reply.json(200, DecidedBatch.decide(items, valid -> decisions.decideAll("decide", valid)).toJson(false));
  }
}
