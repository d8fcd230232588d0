package io.meshgov.cli;

import picocli.CommandLine.Command;

/** {@code retention}: only a parent for its subcommands; alone it is a usage error (exit 2). */
@Command(name = "retention", mixinStandardHelpOptions = true, versionProvider = GovernanceCli.Version.class,
    description = "Plan and apply the retention rules of the catalog's products: delete, archive or anonymize the "
        + "rows past their maximum (docs/retention.md).",
    subcommands = {RetentionPlanCommand.class, RetentionApplyCommand.class})
final class RetentionCommand {}
