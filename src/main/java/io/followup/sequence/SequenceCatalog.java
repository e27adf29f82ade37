package io.followup.sequence;

import io.followup.FollowupException;
import io.followup.config.AppConfig;
import io.followup.config.MailboxConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The configured sequences and mailboxes, written to the database at start-up so that enrollments and messages
 * can refer to them by id. Immutable after {@link #sync}; thread-safe.
 */
public final class SequenceCatalog {

    private final Map<Long, SequenceDefinition> sequencesById;
    private final Map<String, Long> sequenceIds;
    private final Map<Long, MailboxConfig> mailboxesById;
    private final Map<String, Long> mailboxIds;

    private SequenceCatalog(Map<Long, SequenceDefinition> sequencesById, Map<String, Long> sequenceIds,
                            Map<Long, MailboxConfig> mailboxesById, Map<String, Long> mailboxIds) {
        this.sequencesById = sequencesById;
        this.sequenceIds = sequenceIds;
        this.mailboxesById = mailboxesById;
        this.mailboxIds = mailboxIds;
    }

    /**
     * Upserts every configured mailbox and sequence (with its steps) and returns the catalog. Sequences that make no
     * unsubscribe choice get the global {@code unsubscribe.default} here, so {@link #sequence} never has a null one.
     */
    public static SequenceCatalog sync(Jdbi jdbi, AppConfig config, Instant now) {
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
            Map<Long, SequenceDefinition> sequencesById = new LinkedHashMap<>();
            Map<String, Long> sequenceIds = new LinkedHashMap<>();
            for (SequenceDefinition configured : config.sequences()) {
                SequenceDefinition sequence =
                        configured.withUnsubscribe(configured.unsubscribeOr(config.unsubscribe().mode()));
                Optional<Long> id = handle.createQuery("SELECT id FROM sequence_def WHERE name = :name")
                        .bind("name", sequence.name()).mapTo(Long.class).findOne();
                long sequenceId = id.orElseGet(() -> handle.createUpdate("""
                                INSERT INTO sequence_def (name, description, step_count, updated_at)
                                VALUES (:name, :description, :steps, :now)""")
                        .bind("name", sequence.name()).bind("description", sequence.description())
                        .bind("steps", sequence.steps().size()).bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
                handle.createUpdate("""
                                UPDATE sequence_def SET description = :description, step_count = :steps,
                                       updated_at = :now WHERE id = :id""")
                        .bind("description", sequence.description()).bind("steps", sequence.steps().size())
                        .bind("now", now).bind("id", sequenceId).execute();
                handle.createUpdate("DELETE FROM sequence_step WHERE sequence_id = :id").bind("id", sequenceId)
                        .execute();
                for (StepDefinition step : sequence.steps()) {
                    handle.createUpdate("""
                                    INSERT INTO sequence_step (sequence_id, step_no, template, wait_text, new_thread)
                                    VALUES (:sequence, :step, :template, :wait, :newThread)""")
                            .bind("sequence", sequenceId).bind("step", step.number())
                            .bind("template", step.label()).bind("wait", step.delay().toString())
                            .bind("newThread", step.newThread()).execute();
                }
                sequencesById.put(sequenceId, sequence);
                sequenceIds.put(sequence.name(), sequenceId);
            }
            return new SequenceCatalog(Map.copyOf(sequencesById), Map.copyOf(sequenceIds),
                    Map.copyOf(mailboxesById), Map.copyOf(mailboxIds));
        });
    }

    public SequenceDefinition sequence(long id) {
        SequenceDefinition sequence = sequencesById.get(id);
        if (sequence == null) {
            throw FollowupException.notFound("sequence #" + id + " is in the database but no longer configured");
        }
        return sequence;
    }

    /** Whether sequence {@code id} is configured (an enrollment of a removed sequence can no longer go on). */
    public boolean hasSequence(long id) {
        return sequencesById.containsKey(id);
    }

    /** Whether mailbox {@code id} is configured. */
    public boolean hasMailbox(long id) {
        return mailboxesById.containsKey(id);
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
        return handle.createQuery("SELECT id, sequence_id, mailbox_id FROM enrollment "
                        + "WHERE state IN ('active', 'paused', 'held') ORDER BY id")
                .map((rs, ctx) -> hasSequence(rs.getLong("sequence_id")) && hasMailbox(rs.getLong("mailbox_id"))
                        ? null : rs.getLong("id"))
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static String storedName(org.jdbi.v3.core.Handle handle, String table, long id) {
        String query = table.equals("mailbox") ? "SELECT name FROM mailbox WHERE id = :id"
                : "SELECT name FROM sequence_def WHERE id = :id";
        return handle.createQuery(query).bind("id", id).mapTo(String.class).findOne()
                .map(name -> "\"" + name + "\"").orElse("#" + id);
    }

    public Optional<Long> sequenceId(String name) {
        return Optional.ofNullable(sequenceIds.get(name));
    }

    /** The configured sequence names, sorted. */
    public List<String> sequenceNames() {
        return sequenceIds.keySet().stream().sorted().toList();
    }

    public MailboxConfig mailbox(long id) {
        MailboxConfig mailbox = mailboxesById.get(id);
        if (mailbox == null) {
            throw FollowupException.notFound("mailbox #" + id + " is in the database but no longer configured");
        }
        return mailbox;
    }

    public long mailboxId(String name) {
        Long id = mailboxIds.get(name);
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
        return mailboxesById;
    }
}
