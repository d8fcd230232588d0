package io.meshgov.api;

/** The "off" sink: a stateless singleton, so turning audit off costs nothing. */
enum DiscardingAuditSink implements AuditSink {
  INSTANCE;

  @Override
  public void record(AuditRecord record) {}
}
