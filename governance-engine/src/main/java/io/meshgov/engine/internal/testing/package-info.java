/**
 * Runs a bundle's PolicyTest cases through a decision function and compares each decision with its
 * expectations. The cases themselves were validated with the bundle, in the validate stage.
 *
 * <p>Not API: not exported by the module; the engine's {@code runPolicyTests()} is the way in.
 */
@NullMarked
package io.meshgov.engine.internal.testing;

import org.jspecify.annotations.NullMarked;
