package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.app.Daemon;
import io.followup.testing.CliFolder;
import io.followup.testing.DaemonTest;
import io.followup.testing.MutableClock;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code followup drafts ...} end to end: a YAML configuration, a real database, the command line. */
class DraftsCommandIT {

    private Path base;
    private CliFolder cli;

    @DaemonTest
    void theApprovalQueueCanBeWorkedFromTheTerminal(TestDaemon followup) throws Exception {
        setUp(followup);
        assertThat(run("enroll", "--sequence", "intro", "--email", "bob@example.org", "--name", "Bob Brown",
                "--tier", "2", "--field", "met_at=the fair").code()).isZero();
        assertThat(run("enroll", "--sequence", "intro", "--email", "alice@example.org", "--name", "Alice Adams",
                "--tier", "1", "--field", "met_at=the fair").code()).isZero();
        assertThat(run("enroll", "--sequence", "intro", "--email", "carol@example.org", "--name", "Carol Chen")
                .code()).isZero();
        try (Daemon daemon = cli.openDaemon(new MutableClock(Instant.now()))) {
            daemon.dispatcher().dispatchDue(10);
        }

        CliFolder.Result pending = run("drafts", "list");
        assertThat(pending.code()).isZero();
        List<String> lines = pending.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("pending_approval", "tier 1", "alice@example.org", "intro step 1",
                "\"Great to meet you, Alice\"");
        assertThat(lines.get(1)).contains("tier 2", "bob@example.org");
        long alice = id(lines.get(0));
        long bob = id(lines.get(1));
        assertThat(run("drafts", "list", "--state", "held").out()).contains("carol@example.org", "met_at");

        CliFolder.Result show = run("drafts", "show", String.valueOf(alice));
        assertThat(show.out()).contains("pending_approval", "From: Olivia Owner <owner@followup.test>",
                "To: Alice Adams <alice@example.org>", "Subject: Great to meet you, Alice", "Message-ID: <",
                "----- text -----", "Hi Alice,", "----- html -----");

        Path text = base.resolve("alice.txt");
        TestConfigs.write(text, "Hi Alice,\n\nin my own words.\n");
        CliFolder.Result edit = run("drafts", "edit", String.valueOf(alice), "--subject", "Lovely to meet you", "--text-file",
                text.toString(), "--by", "maya");
        assertThat(edit.out().strip()).isEqualTo("edited draft #" + alice + ": subject, text");

        CliFolder.Result approve = run("drafts", "approve", String.valueOf(alice), "999999");
        assertThat(approve.code()).isEqualTo(1);
        assertThat(approve.out().strip()).isEqualTo("approved draft #" + alice);
        assertThat(approve.err().strip()).isEqualTo("followup: no draft #999999");

        CliFolder.Result snooze = run("drafts", "snooze", String.valueOf(bob), "2h", "--by", "maya");
        assertThat(snooze.code()).isZero();
        assertThat(snooze.out()).startsWith("snoozed draft #" + bob + " until ");
        assertThat(run("drafts", "list").out()).contains("bob@example.org", "[snoozed until ");
        CliFolder.Result badTime = run("drafts", "snooze", String.valueOf(bob), "soon");
        assertThat(badTime.code()).isEqualTo(1);
        assertThat(badTime.err()).contains("expected a duration such as 2h or 3d");
        CliFolder.Result reject = run("drafts", "reject", String.valueOf(bob), "--reason", "wrong person");
        assertThat(reject.code()).isZero();
        assertThat(run("drafts", "list").out()).isEmpty();

        CliFolder.Result shown = run("drafts", "show", String.valueOf(alice));
        assertThat(shown.out()).contains("queued", "Subject: Lovely to meet you", "in my own words.",
                "edit by maya (pending_approval -> pending_approval): subject, text",
                "approve by olivia (pending_approval -> queued)");
        assertThat(run("drafts", "list", "--state", "rejected").out()).contains("bob@example.org");
        assertThat(run("drafts", "list", "--state", "all").out()).contains("alice@example.org", "bob@example.org",
                "carol@example.org");
    }

    @DaemonTest
    void mistakesAreOneLineAndANonZeroExit(TestDaemon followup) {
        setUp(followup);

        CliFolder.Result unknownState = run("drafts", "list", "--state", "bogus");
        assertThat(unknownState.code()).isEqualTo(1);
        assertThat(unknownState.err().strip()).isEqualTo("followup: unknown draft state \"bogus\"; expected all or"
                + " one of held, pending_approval, queued, sending, sent, failed, in_doubt, rejected, cancelled"
                + " (an enrollment's state, such as stopped, is shown by followup status)");
        for (String state : List.of("all", "held,in_doubt", "queued", "sending", "sent", "failed", "rejected",
                "cancelled", "pending_approval")) {
            assertThat(run("drafts", "list", "--state", state).code()).as(state).isZero();
        }
        CliFolder.Result noChoice = run("drafts", "resolve", "1");
        assertThat(noChoice.code()).isEqualTo(2);
        assertThat(noChoice.err()).startsWith("followup: Error: Missing required argument");
        CliFolder.Result nothingToEdit = run("drafts", "edit", "1");
        assertThat(nothingToEdit.code()).isEqualTo(1);
        assertThat(nothingToEdit.err().strip()).isEqualTo("followup: give --subject, --text-file or --html-file"
                + " (or run interactively with $EDITOR set)");
        CliFolder.Result missing = run("drafts", "show", "42");
        assertThat(missing.err().strip()).isEqualTo("followup: no draft #42");
    }

    private void setUp(TestDaemon followup) {
        base = followup.base();
        cli = followup.cli().sequence(CliFolder.TWO_STEPS).approval().owner("owner@followup.test")
                .environment("USER", "olivia").write();
    }

    private CliFolder.Result run(String... args) {
        return cli.run(args);
    }

    private static long id(String line) {
        return Long.parseLong(line.substring(1, line.indexOf(' ')));
    }
}
