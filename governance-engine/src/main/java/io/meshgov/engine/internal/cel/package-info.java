/**
 * The typed CEL environments of conditions and row filters (docs/policy-language.md), and CEL text
 * in canonical form; shared by the validate, compile and evaluate stages.
 *
 * <p>Not API: not exported by the module; public only so the stages can share it.
 */
@NullMarked
package io.meshgov.engine.internal.cel;

import org.jspecify.annotations.NullMarked;
