package io.meshgov.server;

/** One route of the server: a call in, a reply out. Exceptions become a 500 reply, logged. */
@FunctionalInterface
interface Endpoint {
  Reply handle(Call call) throws Exception;
}
