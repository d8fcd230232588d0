package io.meshgov.engine.internal.validate;

import io.meshgov.api.RetentionAction;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/** A retention rule's bounds, or a legal hold. */
public record Retention(
    @Nullable String basis,
    @Nullable Period minimum,
    @Nullable Period maximum,
    @Nullable RetentionAction action,
    boolean legalHold) {}
