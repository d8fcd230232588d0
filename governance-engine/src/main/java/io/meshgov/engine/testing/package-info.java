/** Runs a bundle's PolicyTest cases (SPEC §7) against the bundle itself. */
@NullMarked
package io.meshgov.engine.testing;

import org.jspecify.annotations.NullMarked;
