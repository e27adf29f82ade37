package io.followup.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.ClusterHarness;
import io.followup.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The cluster harness ({@link ClusterHarness}): three real daemons ({@code scheduler.clustered: true}) on one MariaDB,
 * sharing one mailbox; kill -9 of the node that is sending (mid-SMTP) and of the node holding the mailbox lease.
 * Short form by default (60 enrollments, one round: 2 kills); the long form with {@code mvn verify -Pcluster}
 * (600 enrollments, 5 rounds, 10% 451 and 2% drop after DATA) or any size with {@code -Dcluster.enrollments=N
 * -Dcluster.rounds=R ...}. Fails on any duplicate or loss, a reply not acted on or acted on twice, or a kill whose
 * lease, Quartz triggers or sending no survivor took over. Skipped without {@code FOLLOWUP_TEST_MARIADB_URL} (a
 * clustered scheduler needs MariaDB). Each run keeps its files under {@code target/cluster-harness/}.
 */
class ClusterHarnessIT {

    @Test
    void threeNodesKilledWhileSendingAndWhileHoldingTheLeaseNeitherDuplicateNorLose() {
        Assumptions.assumeTrue(TestDatabase.kinds().anyMatch(kind -> kind == TestDatabase.Kind.MARIADB),
                TestDatabase.MARIADB_URL_VARIABLE + " is not set: the cluster harness needs MariaDB; skipped");
        ClusterHarness.Settings settings = ClusterHarness.Settings.fromSystemProperties(
                Boolean.getBoolean("cluster.long") ? ClusterHarness.Settings.longForm()
                        : ClusterHarness.Settings.shortForm());

        ClusterHarness.Result result = new ClusterHarness(settings,
                Path.of("target", "cluster-harness", "run-" + System.currentTimeMillis())).run();

        assertThat(result.tally().duplicates()).as(result.line()).isZero();
        assertThat(result.lost()).as(result.line()).isZero();
        assertThat(result.repliesTwice()).as("replies recorded twice: " + result.line()).isZero();
        assertThat(result.repliesActed()).as("replies acted on: " + result.line()).isEqualTo(result.replies());
        assertThat(result.takeovers()).as(result.line()).hasSize(2 * settings.rounds())
                .allSatisfy(takeover -> assertThat(takeover.quartz()).as(takeover.line()).isNotNull());
        assertThat(result.takeovers()).as("sending resumed after each kill that left mail due: " + result.line())
                .allSatisfy(takeover -> assertThat(takeover.dueAtKill() == 0 || takeover.nextSend() != null)
                        .as(takeover.line()).isTrue());
        assertThat(result.takeovers()).as("a lease taken over: " + result.line())
                .anySatisfy(takeover -> assertThat(takeover.lease()).isNotNull());
        assertThat(result.held()).as(result.line()).isTrue();
    }
}
