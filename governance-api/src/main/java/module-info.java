/** The public, dependency-free types of meshgov: requests, decisions, audit records and the engine interface. */
module io.meshgov.api {
  requires static transitive org.jspecify;

  exports io.meshgov.api;
}
