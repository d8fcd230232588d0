package io.meshgov.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.meshgov.api.AccessRequest;
import io.meshgov.api.Action;
import io.meshgov.api.ColumnDecision;
import io.meshgov.api.ColumnEffect;
import io.meshgov.api.DataProduct;
import io.meshgov.api.Decision;
import io.meshgov.api.Subject;
import io.meshgov.engine.GovernanceEngine;
import io.meshgov.sql.Rendering;
import io.meshgov.sql.SqlDialect;
import io.meshgov.sql.SqlRenderer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Trino's OPA access-control plugin as OPA would ({@code {"result": …}}), from meshgov's
 * decisions (docs/trino.md).
 *
 * <p>A table bound to a data product (its {@code trino} binding) is read through one decision
 * per user, table, purpose and time bucket: allow, masks and filters of one query all come from
 * it, and it is audited once. Listings ({@code SHOW TABLES}, {@code SHOW COLUMNS}) use the same
 * decisions, simulated when no read made one yet, so a listing leaves no audit record. Trino's
 * own metadata ({@code system}, every {@code information_schema}) is readable; tables bound to
 * no product, writes, DDL and grants are denied unless configured.
 *
 * <p>Thread-safe. Fail closed: a body it cannot read, an operation it does not know, a decision
 * that fails give the closed answer (deny, no row, the column nulled), with the reason logged. A
 * mask call whose body names no column has no closed answer and throws {@link
 * IllegalArgumentException}; the server then answers an error, which fails the query.
 */
public final class TrinoAccessControl {
  private static final Logger LOG = LoggerFactory.getLogger(TrinoAccessControl.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /**
   * Trino type names as Trino writes them: {@code varchar(100)}, {@code timestamp(6) with time
   * zone}, and nested ones ({@code array(varchar)}, {@code row("a" bigint)}). They come from Trino
   * itself; still, nothing that could end the CAST they go into (a quote, a semicolon, a comment)
   * is let through.
   */
  private static final Pattern TRINO_TYPE = Pattern.compile("[a-z][a-z0-9_ (),\"]*");

  private static final Set<String> WRITES = Set.of(
      "CreateSchema", "DropSchema", "RenameSchema", "SetSchemaAuthorization", "CreateTable", "DropTable",
      "RenameTable", "SetTableProperties", "SetTableComment", "SetViewComment", "SetColumnComment", "AddColumn",
      "AlterColumn", "DropColumn", "RenameColumn", "SetTableAuthorization", "InsertIntoTable", "DeleteFromTable",
      "TruncateTable", "UpdateTableColumns", "CreateView", "RenameView", "SetViewAuthorization", "DropView",
      "CreateMaterializedView", "RefreshMaterializedView",
      "SetMaterializedViewProperties", "DropMaterializedView", "RenameMaterializedView", "GrantSchemaPrivilege",
      "DenySchemaPrivilege", "RevokeSchemaPrivilege", "GrantTablePrivilege", "DenyTablePrivilege",
      "RevokeTablePrivilege", "CreateRole", "DropRole", "GrantRoles", "RevokeRoles", "CreateFunction", "DropFunction",
      "CreateCatalog", "DropCatalog", "ExecuteProcedure", "ExecuteTableProcedure", "CreateBranch", "DropBranch",
      "WriteSystemInformation", "SetEntityAuthorization");
  /** Harmless without data: session settings, functions, the caller's roles. */
  private static final Set<String> ALWAYS_ALLOWED = Set.of(
      "SetSystemSessionProperty", "SetCatalogSessionProperty", "ExecuteFunction", "ShowFunctions",
      "ShowRoles", "ShowCurrentRoles", "ShowRoleGrants", "ShowRoleAuthorizationDescriptors");

  private final GovernanceEngine engine;
  private final Function<AccessRequest, Decision> decider;
  private final SubjectResolver subjects;
  private final TrinoSettings settings;
  private final InstantSource clock;
  private final SqlRenderer sql = SqlRenderer.of(SqlDialect.TRINO);
  private final Cache<DecisionKey, Decided> decisions;
  /** The columns the filter identity may read, per product: those of the filters handed out. */
  private final Map<String, Set<String>> filterColumns = new ConcurrentHashMap<>();
  private volatile Bindings bindings;

  /**
   * @param engine the engine whose catalog binds Trino tables to data products
   * @param decider decides a request for a read (the server's engine, timed and counted; it
   *     audits); its decisions are cached, one per user, table, purpose and time bucket
   */
  public TrinoAccessControl(GovernanceEngine engine, Function<AccessRequest, Decision> decider,
      SubjectResolver subjects, TrinoSettings settings, InstantSource clock) {
    this.engine = engine;
    this.decider = decider;
    this.subjects = subjects;
    this.settings = settings;
    this.clock = clock;
    this.decisions = Caffeine.newBuilder()
        .maximumSize(settings.maxCachedDecisions())
        .expireAfterWrite(settings.decisionTtl())
        .recordStats()
        .build();
  }

  /** The answer to one call of {@code route}; {@code body} null when it was not JSON. */
  public JsonNode answer(TrinoRoute route, @Nullable JsonNode body) {
    Call call;
    try {
      call = Call.of(body);
    } catch (RuntimeException e) {
      LOG.warn("Trino {} call unreadable, answered closed: {}", route.path(), e.getMessage());
      return closed(route, null);
    }
    try {
      switch (route) {
        case ALLOW:
          return result(JSON.booleanNode(allow(call)));
        case BATCH:
          return result(batch(call));
        case ROW_FILTERS:
          return result(rowFilters(call));
        case BATCH_COLUMN_MASKS:
          return result(batchMasks(call));
        case COLUMN_MASK:
          return result(singleMask(call));
        default:
          throw new AssertionError(route);
      }
    } catch (RuntimeException e) {
      LOG.warn("Trino {} {} for {} answered closed: {}", route.path(), call.operation, call.user, e.toString());
      return closed(route, call);
    }
  }

  /** The decision cache's statistics, for {@code /metrics}. */
  public CacheStats cacheStats() {
    return decisions.stats();
  }

  /** Decisions cached now. */
  public long cachedDecisions() {
    return decisions.estimatedSize();
  }

  /** Drops every cached decision: after a reload of the bundle or the subjects. */
  public void invalidate() {
    decisions.invalidateAll();
    filterColumns.clear();
  }

  // ---- allow -------------------------------------------------------------------------------

  private boolean allow(Call call) {
    String operation = call.operation;
    JsonNode resource = call.action.path("resource");
    if (call.user.equals(settings.filterIdentity())) {
      return allowFilterIdentity(operation, resource);
    }
    if (operation.equals("CreateViewWithSelectFromColumns")) {
      // a view reads as its definer: it would hand on columns, unmasked, that its readers may not read
      LOG.info("Trino {} by {} denied: views over governed columns are not allowed", operation, call.user);
      return false;
    }
    if (WRITES.contains(operation)) {
      boolean allowed = settings.allowWrites() || settings.writers().contains(call.user);
      if (!allowed) {
        LOG.info("Trino {} by {} denied: writes, DDL and grants are not allowed", operation, call.user);
      }
      return allowed;
    }
    if (ALWAYS_ALLOWED.contains(operation)) {
      return true;
    }
    switch (operation) {
      case "ExecuteQuery":
        return true;
      case "AccessCatalog":
      case "ShowSchemas":
        return catalogAccessible(TrinoTable.text(resource.path("catalog"), "name"));
      case "ShowTables":
        return catalogAccessible(TrinoTable.text(resource.path("schema"), "catalogName"));
      case "ShowColumns":
      case "ShowCreateTable":
        return listed(call, TrinoTable.of(resource.path("table")));
      case "SelectFromColumns":
        return selectable(call, TrinoTable.of(resource.path("table")), strings(resource.path("table").path("columns")));
      case "ViewQueryOwnedBy":
      case "KillQueryOwnedBy":
        return call.user.equals(resource.path("user").path("user").asText(null));
      default:
        LOG.warn("Trino operation {} by {} is not known: denied", operation, call.user);
        return false;
    }
  }

  /**
   * The technical user filters run as may reach a catalog and read exactly the columns the
   * filters it was handed read, nothing else: it cannot run a query of its own.
   */
  private boolean allowFilterIdentity(String operation, JsonNode resource) {
    if (operation.equals("AccessCatalog")) {
      return !currentBindings().tables.productsIn(TrinoTable.text(resource.path("catalog"), "name"), null).isEmpty();
    }
    if (operation.equals("SelectFromColumns")) {
      TrinoTable table = TrinoTable.of(resource.path("table"));
      Optional<DataProduct> product = currentBindings().tables.product(table);
      Set<String> allowed = product.map(p -> filterColumns.getOrDefault(p.id(), Set.of())).orElse(Set.of());
      return product.isPresent() && allowed.containsAll(strings(resource.path("table").path("columns")));
    }
    LOG.warn("Trino {} by the filter identity {}: denied", operation, settings.filterIdentity());
    return false;
  }

  private boolean catalogAccessible(String catalog) {
    return catalog.equals(TrinoTable.SYSTEM_CATALOG) || settings.allowUnboundTables()
        || !currentBindings().tables.productsIn(catalog, null).isEmpty();
  }

  /** Whether the user may see that a table exists: Trino metadata, or a product they may read. */
  private boolean listed(Call call, TrinoTable table) {
    if (table.isTrinoMetadata()) {
      return true;
    }
    Optional<DataProduct> product = currentBindings().tables.product(table);
    if (product.isEmpty()) {
      return settings.allowUnboundTables();
    }
    return decision(call, product.get(), false).map(Decision::isPermitted).orElse(false);
  }

  private boolean selectable(Call call, TrinoTable table, List<String> columns) {
    if (table.isTrinoMetadata()) {
      return true;
    }
    Optional<DataProduct> product = currentBindings().tables.product(table);
    if (product.isEmpty()) {
      return settings.allowUnboundTables();
    }
    Optional<Decision> decision = decision(call, product.get(), true);
    if (decision.isEmpty() || !decision.get().isPermitted()) {
      decision.ifPresent(d -> LOG.info("Trino read of {} by {} denied by {}", table.qualifiedName(), call.user,
          d.reasons().isEmpty() ? "no permit" : d.reasons().get(0).rule()));
      return false;
    }
    for (String column : columns) {
      ColumnDecision decided = decision.get().column(column);
      if (decided == null || decided.effect() == ColumnEffect.DENY) {
        LOG.info("Trino read of {}.{} by {} denied{}", table.qualifiedName(), column, call.user,
            decided == null ? ": not a column of the product" : " by " + decided.rule());
        return false;
      }
    }
    return true;
  }

  // ---- batch filtering ---------------------------------------------------------------------

  private ArrayNode batch(Call call) {
    ArrayNode kept = JSON.arrayNode();
    JsonNode resources = call.action.path("filterResources");
    if (call.user.equals(settings.filterIdentity())) {
      return kept;
    }
    switch (call.operation) {
      case "FilterCatalogs":
        for (int i = 0; i < resources.size(); i++) {
          String catalog = TrinoTable.text(resources.get(i).path("catalog"), "name");
          if (catalog.equals(TrinoTable.SYSTEM_CATALOG) || anyReadable(call, catalog, null)) {
            kept.add(i);
          }
        }
        return kept;
      case "FilterSchemas":
        for (int i = 0; i < resources.size(); i++) {
          JsonNode schema = resources.get(i).path("schema");
          String catalog = TrinoTable.text(schema, "catalogName");
          String name = TrinoTable.text(schema, "schemaName");
          if (catalog.equals(TrinoTable.SYSTEM_CATALOG) || name.equals(TrinoTable.INFORMATION_SCHEMA)
              || anyReadable(call, catalog, name)) {
            kept.add(i);
          }
        }
        return kept;
      case "FilterTables":
        for (int i = 0; i < resources.size(); i++) {
          if (listed(call, TrinoTable.of(resources.get(i).path("table")))) {
            kept.add(i);
          }
        }
        return kept;
      case "FilterColumns":
        return visibleColumns(call, resources);
      case "FilterViewQueryOwnedBy":
        for (int i = 0; i < resources.size(); i++) {
          if (call.user.equals(resources.get(i).path("user").path("user").asText(null))) {
            kept.add(i);
          }
        }
        return kept;
      case "FilterFunctions":
        for (int i = 0; i < resources.size(); i++) {
          kept.add(i);
        }
        return kept;
      default:
        LOG.warn("Trino batch operation {} by {} is not known: nothing kept", call.operation, call.user);
        return kept;
    }
  }

  /** {@code FilterColumns} holds one table; the answer indexes into its columns. */
  private ArrayNode visibleColumns(Call call, JsonNode resources) {
    ArrayNode kept = JSON.arrayNode();
    if (resources.size() != 1) {
      throw new IllegalArgumentException("FilterColumns holds " + resources.size() + " tables, not one");
    }
    JsonNode tableNode = resources.get(0).path("table");
    TrinoTable table = TrinoTable.of(tableNode);
    List<String> columns = strings(tableNode.path("columns"));
    Optional<DataProduct> product = currentBindings().tables.product(table);
    Decision decision = null;
    if (!table.isTrinoMetadata()) {
      if (product.isEmpty()) {
        return settings.allowUnboundTables() ? indexes(columns.size()) : kept;
      }
      decision = decision(call, product.get(), false).filter(Decision::isPermitted).orElse(null);
      if (decision == null) {
        return kept;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      ColumnDecision column = decision == null ? null : decision.column(columns.get(i));
      if (decision == null || (column != null && column.effect() != ColumnEffect.DENY)) {
        kept.add(i);
      }
    }
    return kept;
  }

  private boolean anyReadable(Call call, String catalog, @Nullable String schema) {
    if (settings.allowUnboundTables()) {
      return true;
    }
    for (DataProduct product : currentBindings().tables.productsIn(catalog, schema)) {
      if (decision(call, product, false).map(Decision::isPermitted).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  // ---- row filters and masks ---------------------------------------------------------------

  private ArrayNode rowFilters(Call call) {
    TrinoTable table = TrinoTable.of(call.action.path("resource").path("table"));
    ArrayNode filters = JSON.arrayNode();
    if (table.isTrinoMetadata()) {
      return filters;
    }
    Optional<DataProduct> product = currentBindings().tables.product(table);
    if (product.isEmpty()) {
      if (!settings.allowUnboundTables() && !settings.writers().contains(call.user)) {
        filters.add(viewExpression("false", null));
      }
      return filters;
    }
    Decision decision = decision(call, product.get(), true)
        .orElseThrow(() -> new IllegalStateException("no decision for " + table.qualifiedName()));
    if (!decision.isPermitted()) {
      // Trino asks filters before it checks the columns, and each call is answered from the
      // decision of its moment: a deny hides every row, so that a permit arriving between the
      // calls cannot read unfiltered rows. A writer's insert is checked against row filters too,
      // and its reads are refused anyway: it gets none.
      if (!settings.writers().contains(call.user)) {
        filters.add(viewExpression("false", null));
      }
      return filters;
    }
    Optional<String> predicate = sql.rowFilter(decision, product.get(), Rendering.INLINE).map(f -> f.sql());
    if (predicate.isPresent()) {
      Set<String> columns = sql.rowFilterColumns(decision, product.get());
      filterColumns.merge(product.get().id(), columns, (a, b) -> {
        Set<String> union = new java.util.TreeSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
      });
      filters.add(viewExpression(predicate.get(), columns.isEmpty() ? null : settings.filterIdentity()));
    }
    return filters;
  }

  private ArrayNode batchMasks(Call call) {
    JsonNode resources = call.action.path("filterResources");
    ArrayNode masks = JSON.arrayNode();
    // every column of a table shares the table's one cached decision
    for (int i = 0; i < resources.size(); i++) {
      JsonNode column = resources.get(i).path("column");
      Optional<ObjectNode> expression = mask(call, column);
      if (expression.isPresent()) {
        ObjectNode item = JSON.objectNode();
        item.put("index", i);
        item.set("viewExpression", expression.get());
        masks.add(item);
      }
    }
    return masks;
  }

  private JsonNode singleMask(Call call) {
    return mask(call, call.action.path("resource").path("column")).map(node -> (JsonNode) node)
        .orElse(JSON.nullNode());
  }

  /** The mask of one column, or none; the column nulled where its decision cannot be made. */
  private Optional<ObjectNode> mask(Call call, JsonNode column) {
    TrinoTable table = TrinoTable.of(column);
    String name = TrinoTable.text(column, "columnName");
    String type = column.path("columnType").asText("");
    if (!TRINO_TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("column " + name + " of " + table.qualifiedName() + " has a type "
          + "meshgov cannot cast to: '" + type + "'");
    }
    if (table.isTrinoMetadata()) {
      return Optional.empty();
    }
    Optional<DataProduct> product = currentBindings().tables.product(table);
    if (product.isEmpty()) {
      return Optional.empty();
    }
    try {
      Decision decision = decision(call, product.get(), true)
          .orElseThrow(() -> new IllegalStateException("no decision for " + table.qualifiedName()));
      if (!decision.isPermitted()) {
        // as for filters: each answer is safe on its own, whatever the next call decides; a
        // writer gets none, since Trino refuses an INSERT into a table with column masks
        return settings.writers().contains(call.user) ? Optional.empty() : Optional.of(nullMask(column));
      }
      ColumnDecision decided = decision.column(name);
      if (decided == null) {
        throw new IllegalStateException("Trino column " + name + " is not a column of " + product.get().id());
      }
      if (decided.effect() == ColumnEffect.DENY) {
        return Optional.of(nullMask(column));
      }
      if (decided.effect() != ColumnEffect.MASK) {
        return Optional.empty();
      }
      return Optional.of(viewExpression(sql.columnMask(decided, type, Rendering.INLINE).sql(), null));
    } catch (RuntimeException e) {
      LOG.warn("mask of {}.{} for {} is NULL: {}", table.qualifiedName(), name, call.user, e.toString());
      return Optional.of(viewExpression("CAST(NULL AS " + type + ")", null));
    }
  }

  // ---- decisions ---------------------------------------------------------------------------

  /**
   * The user's decision on a product for this time bucket. A read ({@code audited}) makes an
   * audited decision if the cache holds none or only a simulated one; a listing takes whatever is
   * cached, else simulates. A request the engine refuses (an undeclared purpose, say) is empty:
   * callers deny.
   */
  private Optional<Decision> decision(Call call, DataProduct product, boolean audited) {
    Subject subject = subjects.subject(call.user, call.groups);
    String purpose = subjects.purpose(call.user).orElse(settings.defaultPurpose());
    Bindings current = currentBindings();
    long ttl = settings.decisionTtl().toMillis();
    long bucket = Math.floorDiv(clock.millis(), ttl);
    DecisionKey key = new DecisionKey(subject, product.id(), purpose, current.digest, subjects.digest(), bucket);
    Decided cached = decisions.getIfPresent(key);
    if (cached != null && (cached.audited || !audited)) {
      return Optional.of(cached.decision);
    }
    AccessRequest request = AccessRequest.builder()
        .subject(subject)
        .product(product.id())
        .action(Action.READ)
        .purpose(purpose)
        .at(Instant.ofEpochMilli(bucket * ttl))
        .build();
    Decision decision;
    try {
      decision = audited ? decider.apply(request) : engine.simulate(request);
    } catch (io.meshgov.api.RequestException e) {
      LOG.warn("Trino user {} cannot ask for {}: {}", call.user, product.id(), e.getMessage());
      return Optional.empty();
    }
    decisions.put(key, new Decided(decision, audited));
    return Optional.of(decision);
  }

  private Bindings currentBindings() {
    String digest = engine.bundle().digest();
    Bindings current = bindings;
    if (current == null || !current.digest.equals(digest)) {
      current = new Bindings(digest, new TableBindings(engine.catalog()));
      bindings = current;
    }
    return current;
  }

  // ---- answers -----------------------------------------------------------------------------

  private static JsonNode closed(TrinoRoute route, @Nullable Call call) {
    switch (route) {
      case ALLOW:
        return result(JSON.booleanNode(false));
      case BATCH:
        return result(JSON.arrayNode());
      case ROW_FILTERS:
        return result(JSON.arrayNode().add(viewExpression("false", null)));
      default:
        return closedMasks(route, call);
    }
  }

  /** Every column the call names, nulled; a call that names none cannot be answered safely. */
  private static JsonNode closedMasks(TrinoRoute route, @Nullable Call call) {
    if (call == null) {
      throw new IllegalArgumentException("a " + route.path() + " call that cannot be read has no safe answer");
    }
    if (route == TrinoRoute.COLUMN_MASK) {
      return result(nullMask(call.action.path("resource").path("column")));
    }
    ArrayNode masks = JSON.arrayNode();
    JsonNode resources = call.action.path("filterResources");
    for (int i = 0; i < resources.size(); i++) {
      ObjectNode item = JSON.objectNode();
      item.put("index", i);
      item.set("viewExpression", nullMask(resources.get(i).path("column")));
      masks.add(item);
    }
    return result(masks);
  }

  private static ObjectNode nullMask(JsonNode column) {
    String type = column.path("columnType").asText("");
    if (!TRINO_TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("a column of type '" + type + "' cannot be nulled safely");
    }
    return viewExpression("CAST(NULL AS " + type + ")", null);
  }

  private static ObjectNode viewExpression(String expression, @Nullable String identity) {
    ObjectNode node = JSON.objectNode();
    node.put("expression", expression);
    if (identity != null) {
      node.put("identity", identity);
    }
    return node;
  }

  private static ObjectNode result(JsonNode result) {
    ObjectNode node = JSON.objectNode();
    node.set("result", result);
    return node;
  }

  private static ArrayNode indexes(int count) {
    ArrayNode all = JSON.arrayNode();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return all;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      values.add(value.asText());
    }
    return values;
  }

  /** One call's identity and action, as Trino 476 sends them under {@code input}. */
  private static final class Call {
    final String user;
    final List<String> groups;
    final String operation;
    final JsonNode action;

    private Call(String user, List<String> groups, String operation, JsonNode action) {
      this.user = user;
      this.groups = groups;
      this.operation = operation;
      this.action = action;
    }

    static Call of(@Nullable JsonNode body) {
      if (body == null) {
        throw new IllegalArgumentException("the body is not JSON");
      }
      JsonNode input = body.path("input");
      JsonNode identity = input.path("context").path("identity");
      if (!identity.path("user").isTextual() || identity.path("user").asText().isEmpty()) {
        throw new IllegalArgumentException("no input.context.identity.user");
      }
      JsonNode action = input.path("action");
      if (!action.path("operation").isTextual()) {
        throw new IllegalArgumentException("no input.action.operation");
      }
      return new Call(identity.path("user").asText(), strings(identity.path("groups")),
          action.path("operation").asText(), action);
    }
  }

  private record DecisionKey(Subject subject, String productId, String purpose, String bundleDigest,
      String subjectsDigest, long bucket) {}

  private record Decided(Decision decision, boolean audited) {}

  private record Bindings(String digest, TableBindings tables) {}
}
