package io.followup.digest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Seeds a known fortnight for the digest tests, straight into the tables: ISO week 2026-W47 (Mon 16 to Sun 22
 * November, Europe/London) and the week before, for the sequence "intro" (steps intro/first, intro/second,
 * intro/third). The expected numbers are worked out in {@link DigestOutcomesIT}.
 */
final class DigestFixture {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant AS_OF = at(23, 8, 0);

    private final Jdbi jdbi;
    private final long mailboxId;
    private final long sequenceId;
    private int counter;

    DigestFixture(Jdbi jdbi, long mailboxId, long sequenceId) {
        this.jdbi = jdbi;
        this.mailboxId = mailboxId;
        this.sequenceId = sequenceId;
    }

    /** An instant on a day of November 2026, London time. */
    static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute).atZone(LONDON).toInstant();
    }

    void seed() {
        jdbi.useTransaction(handle -> {
            // this week (2026-W47)
            long a = enrollment(handle, "ann@example.org", "Ann Archer");
            long a1 = sent(handle, a, 1, at(16, 9, 0));
            inbound(handle, a, "human_reply", "interested", at(16, 15, 0), a1);

            long b = enrollment(handle, "ben@example.org", "Ben Baker");
            sent(handle, b, 1, at(9, 9, 0));
            sent(handle, b, 2, at(17, 9, 0));
            inbound(handle, b, "human_reply", "not_interested", at(18, 9, 0), null);

            long c = enrollment(handle, "cy@example.org", "Cy Cole");
            long c1 = sent(handle, c, 1, at(17, 10, 0));
            inbound(handle, c, "human_reply", "referral", at(17, 12, 0), c1);
            inbound(handle, c, "human_reply", "neutral", at(18, 16, 0), c1);

            long d = enrollment(handle, "dee@example.org", "Dee Dunn");
            long d1 = sent(handle, d, 1, at(18, 9, 0));
            inbound(handle, d, "auto_reply", null, at(18, 9, 5), d1);

            long e = enrollment(handle, "eve@example.org", "Eve Eng");
            long e1 = sent(handle, e, 1, at(18, 10, 0));
            long hard = inbound(handle, e, "bounce", null, at(18, 10, 1), e1);
            event(handle, "bounce", e, hard, at(18, 10, 1), "5.1.1 unknown user");
            event(handle, "stopped", e, hard, at(18, 10, 1), "bounced");

            long f = enrollment(handle, "fay@example.org", "Fay Fox");
            long f1 = sent(handle, f, 1, at(19, 9, 0));
            long soft = inbound(handle, f, "bounce", null, at(19, 9, 2), f1);
            event(handle, "soft_bounce", f, soft, at(19, 9, 2), "4.2.2 mailbox full; step 1 will be sent again");

            long g = enrollment(handle, "gus@example.org", "Gus Gray");
            sent(handle, g, 1, at(19, 11, 0));
            event(handle, "unsubscribed", g, null, at(20, 8, 0), "1 live enrollment(s) stopped");

            long h = enrollment(handle, "hal@example.org", "Hal Hill");
            sent(handle, h, 1, at(2, 9, 30));
            sent(handle, h, 2, at(9, 9, 30));
            sent(handle, h, 3, at(16, 9, 30));
            event(handle, "completed", h, null, at(19, 9, 30), "no response after the last step");
            event(handle, "escalated", h, null, at(19, 9, 30), "task #1");

            long i = enrollment(handle, "ivy@example.org", "Ivy Ito");
            long i1 = sent(handle, i, 1, at(20, 9, 0));
            inbound(handle, i, "complaint", null, at(20, 10, 0), i1);

            long j = enrollment(handle, "jo@example.org", "Jo Jones");
            long j1 = sent(handle, j, 1, at(22, 23, 0));
            inbound(handle, j, "human_reply", "interested", at(23, 0, 30), j1);

            long k = enrollment(handle, "kit@example.org", "Kit King");
            long k1 = sent(handle, k, 1, at(13, 9, 0));
            inbound(handle, k, "human_reply", "unsubscribe", at(21, 10, 0), k1);

            // the week before (2026-W46)
            long l = enrollment(handle, "lou@example.org", "Lou Lane");
            long l1 = sent(handle, l, 1, at(10, 9, 0));
            inbound(handle, l, "human_reply", "interested", at(11, 9, 0), l1);
            sent(handle, l, 2, at(13, 9, 0));

            long m = enrollment(handle, "max@example.org", "Max Moss");
            sent(handle, m, 1, at(15, 23, 59));

            // what needs the owner on Monday 23 November
            long nia = enrollment(handle, "nia@example.org", "Nia Noor");
            draft(handle, nia, at(19, 14, 0), "A thought after the summit");
            long oz = enrollment(handle, "oz@example.org", "Oz Oakes");
            draft(handle, oz, at(17, 11, 0), "Great to meet you, Oz");
            long hal = contactOf(handle, h);
            task(handle, hal, h, "call Hal Hill", at(19, 9, 30), null);
            task(handle, hal, h, "LinkedIn note", at(18, 9, 30), at(20, 9, 0));
            long pat = contact(handle, "pat@example.org", "Pat Page", null);
            contact(handle, "quinn@example.org", "Quinn Quest", pat);
            long rae = contact(handle, "rae@example.org", "Rae Ross", pat);
            thankYouSent(handle, rae, "pat@example.org", at(12, 9, 0));
            keepInTouch(handle, contact(handle, "sam@example.org", "Sam Shaw", null), at(21, 9, 0));
            keepInTouch(handle, contact(handle, "tia@example.org", "Tia Toms", null), at(27, 9, 0));
        });
    }

    private long enrollment(Handle handle, String email, String name) {
        long contact = contact(handle, email, name, null);
        return handle.createUpdate("""
                INSERT INTO enrollment (contact_id, sequence_id, mailbox_id, state, next_step, enrolled_at, updated_at)
                VALUES (:contact, :sequence, :mailbox, 'active', 1, :now, :now)""")
                .bind("contact", contact).bind("sequence", sequenceId).bind("mailbox", mailboxId)
                .bind("now", at(1, 9, 0)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static long contactOf(Handle handle, long enrollment) {
        return handle.createQuery("SELECT contact_id FROM enrollment WHERE id = :id").bind("id", enrollment)
                .mapTo(Long.class).one();
    }

    private long contact(Handle handle, String email, String name, Long introducedBy) {
        return handle.createUpdate("""
                INSERT INTO contact (email, name, first_name, introduced_by, created_at, updated_at)
                VALUES (:email, :name, :first, :introducer, :now, :now)""")
                .bind("email", email).bind("name", name).bind("first", name.split(" ")[0])
                .bindByType("introducer", introducedBy, Long.class).bind("now", at(1, 9, 0) .plusSeconds(++counter))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private long sent(Handle handle, long enrollment, int step, Instant at) {
        return outbound(handle, enrollment, step, "sent", at, at, "Step " + step);
    }

    private long draft(Handle handle, long enrollment, Instant created, String subject) {
        return outbound(handle, enrollment, 1, "pending_approval", created, null, subject);
    }

    private long outbound(Handle handle, long enrollment, int step, String state, Instant created, Instant sentAt,
                          String subject) {
        String template = switch (step) {
            case 1 -> "intro/first";
            case 2 -> "intro/second";
            default -> "intro/third";
        };
        String to = handle.createQuery("SELECT c.email FROM enrollment e JOIN contact c ON c.id = e.contact_id "
                + "WHERE e.id = :id").bind("id", enrollment).mapTo(String.class).one();
        int n = ++counter;
        return handle.createUpdate("""
                INSERT INTO outbound_message (kind, enrollment_id, mailbox_id, step_no, attempt, idempotency_key, state,
                    message_id, template, from_address, to_address, subject, body_text, sent_at, created_at, updated_at)
                VALUES ('step', :enrollment, :mailbox, :step, 1, :key, :state, :messageId, :template,
                    'owner@followup.test', :to, :subject, 'text', :sentAt, :created, :created)""")
                .bind("enrollment", enrollment).bind("mailbox", mailboxId).bind("step", step)
                .bind("key", enrollment + ":" + step + ":" + n).bind("state", state)
                .bind("messageId", "<fixture-" + n + "@followup.test>").bind("template", template).bind("to", to)
                .bind("subject", subject).bindByType("sentAt", sentAt, Instant.class).bind("created", created)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private void thankYouSent(Handle handle, long introduced, String introducer, Instant at) {
        int n = ++counter;
        handle.createUpdate("""
                INSERT INTO outbound_message (kind, mailbox_id, step_no, attempt, idempotency_key, state, message_id,
                    template, from_address, to_address, subject, body_text, sent_at, created_at, updated_at)
                VALUES ('thank_you', :mailbox, 0, 1, :key, 'sent', :messageId, 'introductions/thank-you',
                    'owner@followup.test', :to, 'Thank you', 'text', :at, :at, :at)""")
                .bind("mailbox", mailboxId).bind("key", "thanks:" + introduced)
                .bind("messageId", "<fixture-" + n + "@followup.test>").bind("to", introducer).bind("at", at)
                .execute();
    }

    private long inbound(Handle handle, long enrollment, String kind, String intent, Instant at, Long matched) {
        int n = ++counter;
        return handle.createUpdate("""
                INSERT INTO inbound_message (mailbox_id, folder, uid_validity, uid, message_id, content_hash,
                    from_address, subject, received_at, kind, intent, matched_outbound_id, enrollment_id, contact_id)
                VALUES (:mailbox, 'INBOX', 1, :uid, :messageId, :hash, 'someone@example.org', :subject, :at, :kind,
                    :intent, :matched, :enrollment, :contact)""")
                .bind("mailbox", mailboxId).bind("uid", n).bind("messageId", "<in-" + n + "@example.org>")
                .bind("hash", "hash-" + n).bind("subject", "Re: Step").bind("at", at).bind("kind", kind)
                .bind("intent", intent).bindByType("matched", matched, Long.class).bind("enrollment", enrollment)
                .bind("contact", contactOf(handle, enrollment))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static void event(Handle handle, String event, long enrollment, Long inbound, Instant at, String detail) {
        handle.createUpdate("""
                INSERT INTO event_log (at, event, enrollment_id, inbound_id, cause, detail)
                VALUES (:at, :event, :enrollment, :inbound, 'fixture', :detail)""")
                .bind("at", at).bind("event", event).bind("enrollment", enrollment)
                .bindByType("inbound", inbound, Long.class).bind("detail", detail).execute();
    }

    private static void task(Handle handle, long contact, long enrollment, String text, Instant due, Instant done) {
        handle.createUpdate("""
                INSERT INTO task (contact_id, enrollment_id, kind, text, due_at, done_at, created_at)
                VALUES (:contact, :enrollment, 'call', :text, :due, :done, :due)""")
                .bind("contact", contact).bind("enrollment", enrollment).bind("text", text).bind("due", due)
                .bindByType("done", done, Instant.class).execute();
    }

    private static void keepInTouch(Handle handle, long contact, Instant due) {
        handle.createUpdate("""
                INSERT INTO keep_in_touch (contact_id, period, next_due_at, created_at, updated_at)
                VALUES (:contact, 'monthly', :due, :due, :due)""")
                .bind("contact", contact).bind("due", due).execute();
    }
}
