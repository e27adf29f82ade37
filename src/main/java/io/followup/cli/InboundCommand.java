package io.followup.cli;

import io.followup.inbound.UnverifiedInbox;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code followup inbound unverified list|apply ID|dismiss ID}: inbound messages that asked for something (stop,
 * suppress, pause...) but were not proven to concern what followup sent; the owner applies or dismisses each.
 */
@Command(name = "inbound", mixinStandardHelpOptions = true, description = "Inbound mail that needs you.",
        subcommands = {InboundCommand.Unverified.class})
public final class InboundCommand extends CommandGroup {

    /** Two lines per message: {@code #ID  received  kind  from  subject}, then why and what it asks. */
    static String lines(UnverifiedInbox.Item item) {
        return String.format("#%d  %s  %s  from %s  \"%s\"%s%n    unverified: %s%n    asks: %s", item.id(),
                MINUTE.format(item.receivedAt()), item.kind(), item.from(), item.subject() == null ? ""
                        : item.subject(), "pending".equals(item.state()) ? "" : "  [" + item.state()
                        + (item.reviewedBy() == null ? "" : " by " + item.reviewedBy()) + "]",
                item.reason(), item.requested());
    }

    private static String who() {
        return "cli:" + System.getProperty("user.name", "owner");
    }

    @Command(name = "unverified", mixinStandardHelpOptions = true,
            description = "Messages matched to a contact but not proven (subject only, forged or unaligned sender, "
                    + "a bounce quoting none of our Message-IDs): nothing was done; apply or dismiss each.",
            subcommands = {ListUnverified.class, Apply.class, Dismiss.class})
    static final class Unverified extends CommandGroup {

    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the unverified messages waiting for you, oldest first.")
    static final class ListUnverified extends DaemonCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "200",
                description = "At most N messages (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                List<UnverifiedInbox.Item> items = daemon.unverified().pending(limit);
                if (items.isEmpty()) {
                    out.println("no unverified messages waiting");
                }
                items.forEach(item -> out.println(lines(item)));
                return 0;
            });
        }
    }

    /** A decision on one unverified message: {@code apply ID} or {@code dismiss ID}. */
    abstract static class Decision extends DaemonCommand {
        @Parameters(paramLabel = "ID", description = "The message number shown by 'inbound unverified list'.")
        String id;

        /** Takes the decision as {@code who}; the message as it is afterwards. */
        abstract UnverifiedInbox.Item decide(UnverifiedInbox inbox, long inboundId, String who);

        /** The past tense printed after the message number ("applied", "dismissed"). */
        abstract String done();

        @Override
        public final Integer call() {
            long inboundId = TasksCommand.parseId(spec, id);
            return withDaemon((daemon, out) -> {
                UnverifiedInbox.Item item = decide(daemon.unverified(), inboundId, who());
                out.printf("inbound #%d %s: %s%n", item.id(), done(), item.requested());
                return 0;
            });
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Do what the message asked for, as if it had been proven (you vouch for it).")
    static final class Apply extends Decision {
        @Override
        UnverifiedInbox.Item decide(UnverifiedInbox inbox, long inboundId, String who) {
            return inbox.apply(inboundId, who);
        }

        @Override
        String done() {
            return "applied";
        }
    }

    @Command(name = "dismiss", mixinStandardHelpOptions = true,
            description = "Leave the message without effect.")
    static final class Dismiss extends Decision {
        @Override
        UnverifiedInbox.Item decide(UnverifiedInbox inbox, long inboundId, String who) {
            return inbox.dismiss(inboundId, who);
        }

        @Override
        String done() {
            return "dismissed";
        }
    }
}
