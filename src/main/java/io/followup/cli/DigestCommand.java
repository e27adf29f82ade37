package io.followup.cli;

import io.followup.config.OwnerConfig;
import io.followup.digest.DigestRenderer;
import io.followup.digest.IsoWeek;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code followup digest --preview [--format text|html] [--week YYYY-Www] [--owner EMAIL]}: prints the weekly
 * outcome digest as it would be mailed (the daemon sends it on schedule; this sends nothing).
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "Print the weekly outcome digest as it would be mailed (default: the last complete week, "
                + "in the owner's time zone). The daemon sends it on the configured day; this command sends nothing.")
public final class DigestCommand extends DaemonCommand {
    @Option(names = "--preview", required = true, description = "Print the digest instead of sending it.")
    boolean preview;

    @Option(names = "--format", paramLabel = "text|html", defaultValue = "text",
            description = "text (default) or html (the charts inlined as data: URIs, so a browser shows them).")
    String format;

    @Option(names = "--week", paramLabel = "YYYY-Www", description = "The ISO week, e.g. 2026-W47 "
            + "(default: the last complete week).")
    String week;

    @Option(names = "--owner", paramLabel = "EMAIL", description = "Whose digest (default: the first owner).")
    String owner;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("html")) {
            throw new ParameterException(spec.commandLine(), "--format: expected text or html, got \"" + format + "\"");
        }
        IsoWeek chosen;
        try {
            chosen = week == null ? null : IsoWeek.parse(week);
        } catch (io.followup.digest.DigestException e) {
            throw new ParameterException(spec.commandLine(), "--week: " + e.getMessage());
        }
        return withDaemon((daemon, out) -> {
            OwnerConfig who = daemon.digests().owner(owner);
            DigestRenderer.Rendered rendered = daemon.digests().render(who,
                    chosen == null ? daemon.digests().lastCompleteWeek(who) : chosen);
            if (format.equals("html")) {
                out.print(rendered.htmlWithDataUris());
            } else {
                out.println("Subject: " + rendered.subject());
                out.println();
                out.print(rendered.text());
            }
            return 0;
        });
    }
}
