/**
 * The CEL environments of SPEC §3, shared by the validate, compile and evaluate stages.
 *
 * <p>Not API: public only so the stages can use it.
 */
@NullMarked
package io.meshgov.engine.cel;

import org.jspecify.annotations.NullMarked;
