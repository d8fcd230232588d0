/**
 * The engine facade: {@link io.meshgov.engine.MeshgovEngine}. The pipeline runs load → validate →
 * compile once per bundle, then evaluate → audit per decision; the stage packages are named so.
 */
@NullMarked
package io.meshgov.engine;

import org.jspecify.annotations.NullMarked;
