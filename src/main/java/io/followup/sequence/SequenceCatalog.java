package io.followup.sequence;

import io.followup.FollowupException;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import io.followup.config.UnsubscribeMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The configured sequences and mailboxes, written to the database so that enrollments and messages can refer to them
 * by id. The sequences can be replaced while the daemon runs ({@link SequenceReload}): every read takes one
 * immutable snapshot, and a reload publishes the next one in a single volatile write. Thread-safe.
 */
public final class SequenceCatalog {

    /** What a reload found for one configured sequence: its id and its steps' identities before and after. */
    record StepChange(long sequenceId, String name, List<String> before, List<String> after, int[] oldToNew) {

        boolean changed() {
            if (before.isEmpty()) {
                return false;
            }
            if (before.size() != after.size()) {
                return true;
            }
            for (int old = 0; old < oldToNew.length; old++) {
                if (oldToNew[old] != old + 1) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One immutable state of the catalog. */
    record Snapshot(Map<Long, SequenceDefinition> sequencesById, Map<String, Long> sequenceIds,
                    Map<Long, MailboxConfig> mailboxesById, Map<String, Long> mailboxIds) {
    }

    private final UnsubscribeMode unsubscribeDefault;
    private volatile Snapshot snapshot;

    private SequenceCatalog(UnsubscribeMode unsubscribeDefault, Snapshot snapshot) {
        this.unsubscribeDefault = unsubscribeDefault;
        this.snapshot = snapshot;
    }

    /**
     * Upserts every mailbox of {@code config} and every sequence of {@code sequences} (loaded against it) and
     * returns the catalog. Sequences that make no unsubscribe choice get the global {@code unsubscribe.default} of
     * {@code config} here (now and at every reload), so {@link #sequence} never has a null one. The steps of
     * a sequence are stored unless they changed while it has live enrollments: those are left as the running daemon
     * applied them (a command run next to a daemon must not move its enrollments); the daemon applies the change
     * when it starts or reloads ({@link SequenceReload}).
     */
    public static SequenceCatalog sync(Jdbi jdbi, AppConfig config, List<SequenceDefinition> sequences,
                                       Instant now) {
        return jdbi.inTransaction(handle -> {
            Map<Long, MailboxConfig> mailboxesById = new LinkedHashMap<>();
            Map<String, Long> mailboxIds = new LinkedHashMap<>();
            for (MailboxConfig mailbox : config.mailboxes()) {
                Optional<Long> id = handle.createQuery("SELECT id FROM mailbox WHERE name = :name")
                        .bind("name", mailbox.name()).mapTo(Long.class).findOne();
                long mailboxId = id.orElseGet(() -> handle.createUpdate(
                                "INSERT INTO mailbox (name, address, updated_at) VALUES (:name, :address, :now)")
                        .bind("name", mailbox.name()).bind("address", mailbox.address()).bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
                handle.createUpdate("UPDATE mailbox SET address = :address, updated_at = :now WHERE id = :id")
                        .bind("address", mailbox.address()).bind("now", now).bind("id", mailboxId).execute();
                mailboxesById.put(mailboxId, mailbox);
                mailboxIds.put(mailbox.name(), mailboxId);
            }
            SequenceCatalog catalog = new SequenceCatalog(config.unsubscribe().mode(), new Snapshot(Map.of(),
                    Map.of(), Map.copyOf(mailboxesById), Map.copyOf(mailboxIds)));
            catalog.publish(catalog.stage(handle, sequences, now, false));
            return catalog;
        });
    }

    /** The sequences of a reload, staged in its transaction, not yet visible to readers. */
    static final class Staged {
        private final Snapshot snapshot;
        private final List<StepChange> changes;

        private Staged(Snapshot snapshot, List<StepChange> changes) {
            this.snapshot = snapshot;
            this.changes = changes;
        }

        List<StepChange> changes() {
            return changes;
        }
    }

    /**
     * In the caller's transaction: upserts {@code sequences} (against this catalog's mailboxes) and,
     * with {@code storeSteps}, stores the steps of every sequence with their identities. Returns what changed; the
     * catalog is unchanged until {@link #publish}.
     */
    Staged stage(org.jdbi.v3.core.Handle handle, List<SequenceDefinition> sequences, Instant now,
                 boolean storeSteps) {
        Snapshot current = snapshot;
        Map<Long, SequenceDefinition> sequencesById = new LinkedHashMap<>();
        Map<String, Long> sequenceIds = new LinkedHashMap<>();
        List<StepChange> changes = new java.util.ArrayList<>();
        for (SequenceDefinition configured : sequences) {
            SequenceDefinition sequence = configured.withUnsubscribe(configured.unsubscribeOr(unsubscribeDefault));
            Optional<Long> id = handle.createQuery("SELECT id FROM sequence_def WHERE name = :name")
                    .bind("name", sequence.name()).mapTo(Long.class).findOne();
            long sequenceId = id.orElseGet(() -> handle.createUpdate("""
                            INSERT INTO sequence_def (name, description, step_count, updated_at)
                            VALUES (:name, :description, :steps, :now)""")
                    .bind("name", sequence.name()).bind("description", sequence.description())
                    .bind("steps", sequence.steps().size()).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            List<String> before = storedSteps(handle, sequenceId);
            List<String> after = StepIdentity.of(sequence.steps());
            StepChange change = new StepChange(sequenceId, sequence.name(), before, after, StepIdentity.match(before,
                    after, sequence.steps().stream().map(StepDefinition::label).toList()));
            if (storeSteps || !change.changed() || !new EnrollmentStore().hasLive(handle, sequenceId)) {
                handle.createUpdate("""
                                UPDATE sequence_def SET description = :description, step_count = :steps,
                                       updated_at = :now WHERE id = :id""")
                        .bind("description", sequence.description()).bind("steps", sequence.steps().size())
                        .bind("now", now).bind("id", sequenceId).execute();
                storeSteps(handle, sequenceId, sequence.steps(), after);
            }
            changes.add(change);
            sequencesById.put(sequenceId, sequence);
            sequenceIds.put(sequence.name(), sequenceId);
        }
        return new Staged(new Snapshot(Map.copyOf(sequencesById), Map.copyOf(sequenceIds), current.mailboxesById(),
                current.mailboxIds()), List.copyOf(changes));
    }

    /** Makes staged sequences the ones every reader sees (one volatile write). */
    void publish(Staged staged) {
        snapshot = staged.snapshot;
    }

    /** The current sequences, to put back with {@link #restore} when a reload fails after {@link #publish}. */
    Snapshot current() {
        return snapshot;
    }

    void restore(Snapshot previous) {
        snapshot = previous;
    }

    private static List<String> storedSteps(org.jdbi.v3.core.Handle handle, long sequenceId) {
        List<String> keys = new java.util.ArrayList<>();
        List<String> labels = new java.util.ArrayList<>();
        handle.createQuery("SELECT step_key, template FROM sequence_step WHERE sequence_id = :id ORDER BY step_no")
                .bind("id", sequenceId).map((rs, ctx) -> {
                    keys.add(rs.getString("step_key"));
                    labels.add(rs.getString("template"));
                    return null;
                }).list();
        return StepIdentity.stored(keys, labels);
    }

    private static void storeSteps(org.jdbi.v3.core.Handle handle, long sequenceId, List<StepDefinition> steps,
                                   List<String> keys) {
        handle.createUpdate("DELETE FROM sequence_step WHERE sequence_id = :id").bind("id", sequenceId).execute();
        for (StepDefinition step : steps) {
            handle.createUpdate("""
                            INSERT INTO sequence_step (sequence_id, step_no, template, wait_text, new_thread, step_key)
                            VALUES (:sequence, :step, :template, :wait, :newThread, :key)""")
                    .bind("sequence", sequenceId).bind("step", step.number())
                    .bind("template", step.label()).bind("wait", step.delay().toString())
                    .bind("newThread", step.newThread()).bind("key", keys.get(step.number() - 1)).execute();
        }
    }

    public SequenceDefinition sequence(long id) {
        SequenceDefinition sequence = snapshot.sequencesById().get(id);
        if (sequence == null) {
            throw FollowupException.notFound("sequence #" + id + " is in the database but no longer configured");
        }
        return sequence;
    }

    /** Whether sequence {@code id} is configured (an enrollment of a removed sequence can no longer go on). */
    public boolean hasSequence(long id) {
        return snapshot.sequencesById().containsKey(id);
    }

    /** Whether a mailbox called {@code name} is configured. */
    public boolean hasMailboxNamed(String name) {
        return snapshot.mailboxIds().containsKey(name);
    }

    /** Whether mailbox {@code id} is configured. */
    public boolean hasMailbox(long id) {
        return snapshot.mailboxesById().containsKey(id);
    }

    /**
     * Why {@code enrollment} can no longer go on: its sequence or its mailbox was removed from the configuration
     * (named as stored in the database); empty while both are configured.
     */
    public Optional<String> removedReason(org.jdbi.v3.core.Handle handle, Enrollment enrollment) {
        if (!hasSequence(enrollment.sequenceId())) {
            return Optional.of("sequence " + storedName(handle, "sequence_def", enrollment.sequenceId())
                    + " was removed from the configuration");
        }
        if (!hasMailbox(enrollment.mailboxId())) {
            return Optional.of("mailbox " + storedName(handle, "mailbox", enrollment.mailboxId())
                    + " was removed from the configuration");
        }
        return Optional.empty();
    }

    /** Ids of live enrollments whose sequence or mailbox is no longer configured, oldest first. */
    public List<Long> liveOfRemoved(org.jdbi.v3.core.Handle handle) {
        Snapshot current = snapshot;
        return new EnrollmentStore().livePlaces(handle).stream()
                .filter(live -> !current.sequencesById().containsKey(live.sequenceId())
                        || !current.mailboxesById().containsKey(live.mailboxId()))
                .map(EnrollmentStore.LivePlace::id).toList();
    }

    /**
     * Locks mailbox {@code mailboxId}'s row until the transaction of {@code handle} ends ({@code inbound.MailboxLock}:
     * the watcher records one message of a mailbox at a time).
     */
    public static void lockMailbox(org.jdbi.v3.core.Handle handle, long mailboxId) {
        handle.createQuery("SELECT id FROM mailbox WHERE id = :mailbox FOR UPDATE").bind("mailbox", mailboxId)
                .mapTo(Long.class).findOne();
    }

    /**
     * The stored names of the mailboxes {@code ids} (configured or not any more), in name order (the web UI's
     * banner of mailboxes to connect again).
     */
    public static List<String> storedMailboxNames(org.jdbi.v3.core.Handle handle, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT name FROM mailbox WHERE id IN (<ids>) ORDER BY name").bindList("ids", ids)
                .mapTo(String.class).list();
    }

    private static String storedName(org.jdbi.v3.core.Handle handle, String table, long id) {
        String query = table.equals("mailbox") ? "SELECT name FROM mailbox WHERE id = :id"
                : "SELECT name FROM sequence_def WHERE id = :id";
        return handle.createQuery(query).bind("id", id).mapTo(String.class).findOne()
                .map(name -> "\"" + name + "\"").orElse("#" + id);
    }

    public Optional<Long> sequenceId(String name) {
        return Optional.ofNullable(snapshot.sequenceIds().get(name));
    }

    /** The configured sequence names, sorted. */
    public List<String> sequenceNames() {
        return snapshot.sequenceIds().keySet().stream().sorted().toList();
    }

    public MailboxConfig mailbox(long id) {
        MailboxConfig mailbox = snapshot.mailboxesById().get(id);
        if (mailbox == null) {
            throw FollowupException.notFound("mailbox #" + id + " is in the database but no longer configured");
        }
        return mailbox;
    }

    public long mailboxId(String name) {
        Long id = snapshot.mailboxIds().get(name);
        if (id == null) {
            throw FollowupException.notFound("mailbox \"" + name + "\" is not configured");
        }
        return id;
    }

    /** The time zone a contact's steps are planned in: the contact's own, else the mailbox's. */
    public java.time.ZoneId zoneOf(io.followup.contact.Contact contact, long mailboxId) {
        return contact.timeZone() != null ? java.time.ZoneId.of(contact.timeZone()) : mailbox(mailboxId).timeZone();
    }

    public Map<Long, MailboxConfig> mailboxes() {
        return snapshot.mailboxesById();
    }
}
