package io.followup.inbound.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP command a failing reply answered, as a bounce text tells it: "(in reply to RCPT TO
 * command)", "after end of data", a transcript line {@code >>> DATA} or {@code In: RCPT TO:<..>}
 * followed by the refusal. Knowing the stage lets a reason be read in context: "user unknown" in
 * answer to RCPT TO is about the address, the same words after the content was sent are a filter's.
 */
enum SmtpStage {
    CONNECT, MAIL, RCPT, DATA, UNKNOWN;

    private static final Pattern NAMED = Pattern.compile(
            "(?:in reply to|after|in response to|while sending|during|smtp command\\W{0,40}|final)\\s*(?:the\\s+)?"
                    + "(?:end of\\s+)?"
                    + "(rcpt(?:\\s+to)?|mail(?:\\s+from)?|data|message body|message data|helo|ehlo|greeting"
                    + "|initial connection|connect)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSCRIPT = Pattern.compile(
            "(?im)^\\s*(?:>>>|in:|->|sent:)\\s*(rcpt|mail|data|helo|ehlo)\\b[^\\n]*\\n(?:[^\\n]*\\n){0,2}?"
                    + "\\s*(?:<<<|out:|<-|received:)?\\s*[45]\\d\\d[ -]");

    /** The stage the text names, or {@link #UNKNOWN} when it names none or several different ones. */
    static SmtpStage of(String text) {
        if (text == null || text.isEmpty()) {
            return UNKNOWN;
        }
        SmtpStage named = only(NAMED.matcher(text));
        if (named != UNKNOWN) {
            return named == null ? UNKNOWN : named;
        }
        SmtpStage transcript = only(TRANSCRIPT.matcher(text));
        return transcript == null ? UNKNOWN : transcript;
    }

    /**
     * The one stage the matches name (the command in group 1): {@link #UNKNOWN} when they name none, null when they
     * name several different ones.
     */
    private static SmtpStage only(Matcher matcher) {
        SmtpStage found = UNKNOWN;
        while (matcher.find()) {
            SmtpStage stage = parse(matcher.group(1));
            if (found != UNKNOWN && found != stage) {
                return null;
            }
            found = stage;
        }
        return found;
    }

    private static SmtpStage parse(String command) {
        String lower = command.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rcpt")) {
            return RCPT;
        }
        if (lower.startsWith("mail")) {
            return MAIL;
        }
        if (lower.startsWith("data") || lower.startsWith("message")) {
            return DATA;
        }
        return CONNECT;
    }
}
