package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.CliFolder;
import io.followup.testing.DaemonTest;
import io.followup.testing.TestConfigs;
import io.followup.testing.TestDaemon;
import java.nio.file.Path;

/** The command line of suppression, CSV import and pause/resume/stop, run as a user would, on a real database. */
class ContactCommandsIT {

    private Path base;
    private CliFolder cli;

    private void setUp(TestDaemon followup) {
        base = followup.base();
        cli = followup.cli().sequence(CliFolder.TWO_STEPS).owner("owner@followup.test").write();
    }

    private CliFolder.Result run(String... args) {
        return cli.run(args);
    }

    @DaemonTest
    void csvImportSuppressionAndPauseResumeStopWorkFromTheCommandLine(TestDaemon followup) {
        setUp(followup);
        Path people = base.resolve("people.csv");
        TestConfigs.write(people, """
                email,name,time_zone,field:met_at
                ann@example.org,Ann Archer,Europe/Berlin,the meetup
                cid@example.org,Cid Cole,Europe/Berln,the meetup
                bob@blocked.example,Bob Brown,,the meetup
                """);

        CliFolder.Result refused = run("enroll", "--csv", people.toString(), "--sequence", "intro");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo(people + ":3: time_zone: not an IANA time zone: \"Europe/Berln\"\n");
        assertThat(refused.out()).startsWith(people + ": 0 enrolled, 1 skipped, 0 already enrolled (nothing imported");

        CliFolder.Result suppressed = run("suppress", "add", "@Blocked.example", "--reason", "competitor");
        assertThat(suppressed.code()).isZero();
        assertThat(suppressed.out()).isEqualTo("suppressed @blocked.example\n");

        CliFolder.Result imported = run("enroll", "--csv", people.toString(), "--sequence", "intro", "--skip-bad-rows");
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).isEqualTo(people + ": 1 enrolled, 2 skipped, 0 already enrolled\n");
        assertThat(imported.err()).isEqualTo(people + ":3: time_zone: not an IANA time zone: \"Europe/Berln\"\n"
                + people + ":4: bob@blocked.example is suppressed (domain blocked.example, reason competitor)\n");

        CliFolder.Result again = run("enroll", "--csv", people.toString(), "--sequence", "intro", "--skip-bad-rows");
        assertThat(again.out()).isEqualTo(people + ": 0 enrolled, 2 skipped, 1 already enrolled\n");

        assertThat(run("suppress", "list").out()).startsWith("@blocked.example\tcompetitor\tcli suppress\t");
        assertThat(run("pause", "--all").out()).isEqualTo("paused 1 enrollment(s)\n");
        assertThat(run("resume", "--sequence", "intro").out()).isEqualTo("resumed 1 enrollment(s)\n");
        CliFolder.Result resumedAgain = run("resume", "--enrollment", "1");
        assertThat(resumedAgain.code()).isEqualTo(1);
        assertThat(resumedAgain.err()).isEqualTo("followup: resumed 0 enrollment(s); 1 not paused, unchanged\n");
        assertThat(run("stop", "--enrollment", "1").out()).isEqualTo("stopped 1 enrollment(s)\n");
        assertThat(run("suppress", "remove", "@blocked.example").out()).isEqualTo("removed @blocked.example\n");
    }

    @DaemonTest
    void usageErrorsAreOneLineAndExitTwo(TestDaemon followup) {
        setUp(followup);

        CliFolder.Result noSelection = run("pause");
        assertThat(noSelection.code()).isEqualTo(2);
        assertThat(noSelection.err()).startsWith("followup: Error: Missing required argument").hasLineCount(1);
        CliFolder.Result both = run("enroll", "--sequence", "intro", "--email", "a@example.org", "--csv", "x.csv");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("followup: give either --email ADDRESS or --csv FILE (see 'followup enroll"
                + " --help')\n");
        CliFolder.Result badDomain = run("suppress", "add", "@not a domain");
        assertThat(badDomain.code()).isEqualTo(1);
        assertThat(badDomain.err()).isEqualTo("followup: suppression: not a domain: \"@not a domain\"\n");
    }
}
