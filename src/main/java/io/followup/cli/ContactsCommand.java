package io.followup.cli;

import io.followup.contact.ContactEraser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code followup contacts forget EMAIL}: erasure requests. */
@Command(name = "contacts", mixinStandardHelpOptions = true, description = "Contacts: forget one (erasure request).",
        subcommands = {ContactsCommand.Forget.class})
public final class ContactsCommand extends CommandGroup {

    /** {@code followup contacts forget EMAIL}. */
    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Erase a contact's personal data everywhere (contact, enrollments, messages sent and "
                    + "received, tasks, events) and keep only a salted hash of the address in the suppression list, "
                    + "so it is never contacted again. Cannot be undone.")
    static final class Forget extends DaemonCommand {
        @Parameters(paramLabel = "EMAIL", description = "The contact's address (any case).")
        String email;

        @Override
        public Integer call() {
            return withDaemon((daemon, out) -> {
                ContactEraser.Erased erased = daemon.database().jdbi().inTransaction(handle ->
                        daemon.eraser().forget(handle, email, "cli contacts forget", daemon.clock().instant()));
                out.printf("forgot %s: %d enrollment(s), %d outbound and %d inbound message(s), %d event(s) erased;"
                        + " named in %d other message(s) (digests, notices), now redacted; the address is kept only"
                        + " as a salted hash in the suppression list%n", email.trim(), erased.enrollments(),
                        erased.outbound(), erased.inbound(), erased.events(), erased.redacted());
                return 0;
            });
        }
    }
}
