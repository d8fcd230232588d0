/**
 * The JSON forms of SPEC §5: requests read with the position of every problem, decisions and
 * explanations written. Used by the CLI and by services that speak JSON.
 */
@NullMarked
package io.meshgov.engine.json;

import org.jspecify.annotations.NullMarked;
