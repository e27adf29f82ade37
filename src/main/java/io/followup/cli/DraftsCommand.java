package io.followup.cli;

import io.followup.approval.ApprovalException;
import io.followup.approval.Decision;
import io.followup.approval.DraftEdit;
import io.followup.approval.DraftQueue;
import io.followup.approval.DraftSummary;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code followup drafts list|show|approve|reject|edit|snooze|resolve}: the approval queue from the terminal. */
@Command(name = "drafts", mixinStandardHelpOptions = true,
        description = "The approval queue: drafts waiting for approval, held by a template error, or in doubt.",
        subcommands = {DraftsCommand.ListDrafts.class, DraftsCommand.Show.class, DraftsCommand.Approve.class,
                DraftsCommand.Reject.class, DraftsCommand.Edit.class, DraftsCommand.Snooze.class,
                DraftsCommand.Resolve.class})
public final class DraftsCommand extends CommandGroup {

    /** What every subcommand shares: the configuration, who decides, and the queue of the configured daemon. */
    abstract static class DraftCommand extends DaemonCommand {
        @Option(names = "--by", paramLabel = "WHO", description = "Who decides (default: the OS user).")
        String by;

        String who() {
            if (by != null && !by.isBlank()) {
                return by.strip();
            }
            String user = environment.getOrDefault("USER", System.getProperty("user.name"));
            return user == null || user.isBlank() ? "unknown" : user;
        }

        <T> T withQueue(Function<DraftQueue, T> work) {
            return onDaemon(daemon -> work.apply(daemon.drafts()));
        }

        /** Prints what was decided ({@code format} with {@code args}, a line) and returns the exit code 0. */
        int decided(String format, Object... args) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(format + "%n", args);
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per draft, most important contact tier first, then earliest due.")
    static final class ListDrafts extends DraftCommand {

        @Option(names = "--state", paramLabel = "STATE",
                split = ",", description = "pending_approval (default), held, in_doubt, queued, sending, sent, failed, "
                        + "rejected, cancelled, or all. Repeatable; also comma-separated.")
        List<String> states = new ArrayList<>();

        @Option(names = "--limit", paramLabel = "N", defaultValue = "500", description = "At most N lines.")
        int limit;

        @Override
        public Integer call() {
            Set<OutboundState> wanted = states.isEmpty() ? Set.of(OutboundState.PENDING_APPROVAL)
                    : states.stream().anyMatch(name -> name.strip().equalsIgnoreCase("all"))
                    ? java.util.EnumSet.allOf(OutboundState.class)
                    : Set.copyOf(states.stream().map(ListDrafts::state).toList());
            List<DraftSummary> drafts = withQueue(queue -> queue.list(wanted, limit));
            PrintWriter out = spec.commandLine().getOut();
            for (DraftSummary draft : drafts) {
                out.println(DraftPrinter.line(draft));
            }
            out.flush();
            return 0;
        }

        private static OutboundState state(String name) {
            try {
                return OutboundState.ofDb(name.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new ApprovalException("unknown draft state \"" + name + "\"; expected all or one of "
                        + java.util.Arrays.stream(OutboundState.values()).map(OutboundState::db)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + " (an enrollment's state, such as stopped, is shown by followup status)");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The exact message: headers that matter, text, HTML; and the decisions made on it.")
    static final class Show extends DraftCommand {

        @Parameters(paramLabel = "ID", description = "The draft id (from 'drafts list').")
        long id;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            withQueue(queue -> {
                OutboundMessage draft = queue.show(id);
                DraftPrinter.print(out, draft, queue.decisions(id));
                queue.smtpOutcome(id).ifPresent(smtp -> out.println("----- smtp -----\n" + smtp.describe()));
                return null;
            });
            out.flush();
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Queue drafts for sending (send windows and caps still apply).")
    static final class Approve extends DraftCommand {

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Draft ids.")
        List<Long> ids;

        @Override
        public Integer call() {
            String who = who();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failed = withQueue(queue -> {
                int failures = 0;
                for (long id : ids) {
                    try {
                        queue.approve(id, who);
                        out.printf("approved draft #%d%n", id);
                    } catch (ApprovalException refused) {
                        err.println("followup: " + refused.getMessage());
                        failures++;
                    }
                }
                return failures;
            });
            out.flush();
            err.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject a draft: it is never sent and its enrollment stops (\"draft rejected\").")
    static final class Reject extends DraftCommand {

        @Parameters(paramLabel = "ID", description = "The draft id.")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the audit trail).")
        String reason;

        @Override
        public Integer call() {
            withQueue(queue -> queue.reject(id, reason, who()));
            return decided("rejected draft #%d; its enrollment is stopped", id);
        }
    }

    @Command(name = "snooze", mixinStandardHelpOptions = true,
            description = "Snooze a draft waiting for approval: it stays unsent and comes back to the queue at the "
                    + "given time (a duration from now such as 2h or 3d, or an instant such as "
                    + "2026-03-02T09:00:00Z).")
    static final class Snooze extends DraftCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The draft id.")
        long id;

        @Parameters(index = "1", paramLabel = "UNTIL", description = "A duration (30m, 2h, 3d) or an ISO instant.")
        String until;

        @Override
        public Integer call() {
            Decision decision = withQueue(queue -> queue.snooze(id,
                    SnoozeTime.parse(until, Clock.systemUTC().instant()), who()));
            return decided("snoozed draft #%d %s", id, decision.reason());
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Change a draft's subject or text (the template is untouched). Without --subject, "
                    + "--text-file or --html-file, opens the text in $EDITOR when run interactively. A new text "
                    + "without --html-file removes the HTML alternative.")
    static final class Edit extends DraftCommand {

        @Parameters(paramLabel = "ID", description = "The draft id.")
        long id;

        @Option(names = "--subject", paramLabel = "TEXT", description = "The new subject.")
        String subject;

        @Option(names = "--text-file", paramLabel = "FILE", description = "The new plain-text body (UTF-8).")
        Path textFile;

        @Option(names = "--html-file", paramLabel = "FILE", description = "The new HTML body (UTF-8).")
        Path htmlFile;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String text = textFile == null ? null : Files.readString(textFile, StandardCharsets.UTF_8);
            String html = htmlFile == null ? null : Files.readString(htmlFile, StandardCharsets.UTF_8);
            String who = who();
            Decision decision;
            if (subject == null && text == null && html == null) {
                String editor = editor();
                decision = withQueue(queue -> queue.edit(id,
                        new DraftEdit(null, editInteractively(editor, queue.show(id)), null), who));
            } else {
                decision = withQueue(queue -> queue.edit(id, new DraftEdit(subject, text, html),
                        who));
            }
            return decided("edited draft #%d: %s", id, decision.changes());
        }

        private String editor() {
            String editor = environment.get("EDITOR");
            if (System.console() == null || editor == null || editor.isBlank()) {
                throw new ApprovalException("give --subject, --text-file or --html-file (or run interactively with "
                        + "$EDITOR set)");
            }
            return editor;
        }

        private static String editInteractively(String editor, OutboundMessage draft) {
            try {
                Path file = Files.createTempFile("followup-draft-" + draft.id() + "-", ".txt");
                try {
                    Files.writeString(file, draft.bodyText() == null ? "" : draft.bodyText(), StandardCharsets.UTF_8);
                    List<String> command = new ArrayList<>(List.of(editor.strip().split("\\s+")));
                    command.add(file.toString());
                    int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
                    if (exit != 0) {
                        throw new ApprovalException("the editor exited with status " + exit + "; nothing changed");
                    }
                    return Files.readString(file, StandardCharsets.UTF_8);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new ApprovalException("cannot run the editor (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApprovalException("interrupted while editing; nothing changed");
            }
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Decide on an in_doubt message: --sent (it did go out; the sequence moves on) or --resend "
                    + "(queue it again under the same Message-ID, so a server that got it can de-duplicate).")
    static final class Resolve extends DraftCommand {

        @Parameters(paramLabel = "ID", description = "The message id.")
        long id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        static final class Choice {
            @Option(names = "--sent", required = true, description = "It was sent: mark it sent.")
            boolean sent;

            @Option(names = "--resend", required = true, description = "Queue it again (same Message-ID).")
            boolean resend;
        }

        @Override
        public Integer call() {
            String who = who();
            withQueue(queue -> choice.sent ? queue.resolveSent(id, who)
                    : queue.resolveResend(id, who));
            return decided(choice.sent ? "marked #%d sent" : "queued #%d again", id);
        }
    }
}
