/**
 * The JSON forms of requests, decisions, explanations and audit records (docs/request-and-decision.md,
 * docs/audit-format.md): requests read with the position of every problem, the rest written. Used by
 * the CLI, the audit sinks and services that speak JSON. API.
 */
@NullMarked
package io.meshgov.engine.json;

import org.jspecify.annotations.NullMarked;
