package io.followup.outbox;

/**
 * Where the last SMTP transaction of an outbound message ended, as stored: the stage, the reply code (0 for no
 * reply) and the enhanced status code (null when the server gave none).
 */
public record SmtpOutcome(SmtpStage stage, int code, String enhancedStatus) {

    /** One line for people: {@code 550 5.1.1 at rcpt}, {@code no reply at end_of_data}. */
    public String describe() {
        String reply = code > 0 ? code + (enhancedStatus == null ? "" : " " + enhancedStatus) : "no reply";
        return reply + " at " + stage.db();
    }
}
