package io.meshgov.engine.internal.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import io.meshgov.api.Column;
import io.meshgov.api.ColumnType;
import java.util.List;
import java.util.Map;

/**
 * Builds the typed CEL environments of docs/policy-language.md. Variables are declared by qualified name ({@code
 * subject.roles}), which CEL resolves at check time, so evaluation looks up flat names and needs no
 * message types. Every environment is immutable and thread-safe.
 */
public final class ConditionEnvironment {
  public static final String SUBJECT_ID = "subject.id";
  public static final String SUBJECT_GROUPS = "subject.groups";
  public static final String SUBJECT_ROLES = "subject.roles";
  public static final String SUBJECT_ATTRIBUTES = "subject.attributes";
  public static final String REQUEST_ACTION = "request.action";
  public static final String REQUEST_PURPOSE = "request.purpose";
  public static final String REQUEST_AT = "request.at";
  public static final String PRODUCT_ID = "product.id";
  public static final String PRODUCT_DOMAIN = "product.domain";
  public static final String PRODUCT_CLASSIFICATION = "product.classification";
  public static final String PRODUCT_TAGS = "product.tags";
  public static final String COLUMN_NAME = "column.name";
  public static final String COLUMN_TYPE = "column.type";
  public static final String COLUMN_TAGS = "column.tags";

  /** The roots of the declared qualified names; a filter's other identifiers are columns. */
  public static final List<String> ROOTS = List.of("subject", "request", "product", "column");

  private static final CelOptions OPTIONS = CelOptions.current().build();

  private static final Cel PRODUCT_LEVEL = builder(false).build();
  private static final Cel COLUMN_LEVEL = builder(true).build();
  private static final Cel KNOWN_PART = builder(false).setResultType(SimpleType.DYN).build();

  private ConditionEnvironment() {}

  /** For {@code when} and {@code unless} of product-level rules. */
  public static Cel productLevel() {
    return PRODUCT_LEVEL;
  }

  /** For {@code when} and {@code unless} of column-level rules: adds {@code column}. */
  public static Cel columnLevel() {
    return COLUMN_LEVEL;
  }

  /** For the parts of a filter that name no column: any result type. */
  public static Cel knownPart() {
    return KNOWN_PART;
  }

  /** For a {@code filter} over a product with these columns: each column is a bare name. */
  public static Cel filter(List<Column> columns) {
    dev.cel.bundle.CelBuilder builder = builder(false);
    for (Column column : columns) {
      builder.addVar(column.name(), celType(column.type()));
    }
    return builder.build();
  }

  /** For a {@code filter} whose product is unknown: each free name is dynamically typed. */
  public static Cel filterWithDynamicColumns(Iterable<String> names) {
    dev.cel.bundle.CelBuilder builder = builder(false);
    for (String name : names) {
      builder.addVar(name, SimpleType.DYN);
    }
    return builder.build();
  }

  public static CelType celType(ColumnType type) {
    switch (type) {
      case STRING:
        return SimpleType.STRING;
      case INTEGER:
        return SimpleType.INT;
      case DECIMAL:
        return SimpleType.DOUBLE;
      case BOOLEAN:
        return SimpleType.BOOL;
      default:
        return SimpleType.TIMESTAMP;
    }
  }

  private static dev.cel.bundle.CelBuilder builder(boolean withColumn) {
    dev.cel.bundle.CelBuilder builder = CelFactory.standardCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setResultType(SimpleType.BOOL)
        // the standard environment, its four string comparisons replaced (CodePointOrder)
        .setStandardEnvironmentEnabled(false)
        .setStandardDeclarations(dev.cel.checker.CelStandardDeclarations.newBuilder().build())
        .setStandardFunctions(CodePointOrder.standardFunctions())
        .addFunctionBindings(CodePointOrder.bindings());
    Map<String, CelType> variables = new java.util.LinkedHashMap<>();
    variables.put(SUBJECT_ID, SimpleType.STRING);
    variables.put(SUBJECT_GROUPS, ListType.create(SimpleType.STRING));
    variables.put(SUBJECT_ROLES, ListType.create(SimpleType.STRING));
    variables.put(SUBJECT_ATTRIBUTES, MapType.create(SimpleType.STRING, SimpleType.STRING));
    variables.put(REQUEST_ACTION, SimpleType.STRING);
    variables.put(REQUEST_PURPOSE, SimpleType.STRING);
    variables.put(REQUEST_AT, SimpleType.TIMESTAMP);
    variables.put(PRODUCT_ID, SimpleType.STRING);
    variables.put(PRODUCT_DOMAIN, SimpleType.STRING);
    variables.put(PRODUCT_CLASSIFICATION, SimpleType.STRING);
    variables.put(PRODUCT_TAGS, ListType.create(SimpleType.STRING));
    if (withColumn) {
      variables.put(COLUMN_NAME, SimpleType.STRING);
      variables.put(COLUMN_TYPE, SimpleType.STRING);
      variables.put(COLUMN_TAGS, ListType.create(SimpleType.STRING));
    }
    for (Map.Entry<String, CelType> variable : variables.entrySet()) {
      builder.addVar(variable.getKey(), variable.getValue());
    }
    return builder;
  }
}
