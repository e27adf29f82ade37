package io.followup.cli;

import picocli.CommandLine.Command;

/** {@code followup templates check | preview}: lint the templates, or render one as it would be sent. */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "Lint the templates, or render one for a contact as it would be sent.",
        subcommands = {TemplatesCheckCommand.class, TemplatesPreviewCommand.class})
public final class TemplatesCommand extends CommandGroup {

}
