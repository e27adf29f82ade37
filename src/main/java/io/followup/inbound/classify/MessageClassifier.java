package io.followup.inbound.classify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies raw inbound RFC 5322 messages as human replies, auto-replies, bounces, complaints or
 * other mail. Standards come first (RFC 3464 DSN, RFC 5965 ARF, RFC 3834 Auto-Submitted and the
 * common auto-reply headers), heuristics second (non-standard bounces, vacation wording).
 *
 * <p>Thread-safe and reusable: one instance may serve every mailbox watcher. {@link #classify}
 * never throws and is bounded in time and memory by fixed parse limits.
 */
public final class MessageClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(MessageClassifier.class);
    private static final Pattern MACHINE_SENDER = Pattern.compile(
            "^(no-?reply|do-?not-?reply|donotreply|noreply-.*|notifications?|newsletters?|news|mailer|bounces?"
                    + "|marketing|automated|alerts?)(\\+.*)?@");

    private static final Pattern COMPLAINT_SUBJECT = Pattern.compile(
            "complaint|abuse|spam report|feedback (loop|report)|reported as spam|junk mail report|tos notification"
                    + "|\\bfbl\\b",
            Pattern.CASE_INSENSITIVE);

    private final ParseLimits limits;
    private final MimeParser parser;
    private final BounceDetector bounceDetector;
    private final AutoReplyDetector autoReplyDetector;

    public MessageClassifier() {
        this(ParseLimits.defaults());
    }

    MessageClassifier(ParseLimits limits) {
        this.limits = limits;
        this.parser = new MimeParser(limits);
        this.bounceDetector = new BounceDetector(limits.maxTextChars());
        this.autoReplyDetector = new AutoReplyDetector();
    }

    /**
     * Classifies one raw message.
     *
     * @param rawMessage the message as received, RFC 5322 bytes; null or empty gives kind OTHER with an error
     * @return the analysis, never null; {@link InboundAnalysis#error()} is set when parsing was incomplete
     */
    public InboundAnalysis classify(byte[] rawMessage) {
        if (rawMessage == null || rawMessage.length == 0) {
            return failed("empty message");
        }
        try {
            return analyze(rawMessage);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError unexpected) {
            LOG.debug("message of {} bytes could not be classified: {}", rawMessage.length, unexpected.toString());
            return failed("message could not be parsed: " + unexpected.getClass().getSimpleName());
        }
    }

    private InboundAnalysis analyze(byte[] raw) {
        MimeParser.Result parsed = parser.parse(raw);
        MimeEntity root = parsed.root();
        Headers headers = root.headers();
        if (headers.isEmpty()) {
            return failed("no RFC 5322 header block");
        }
        Message message = new Message(root, headers, parsed.problems().isEmpty() ? null
                : String.join("; ", parsed.problems()));
        if (isFeedbackReport(root)) {
            return message.result(MessageKind.COMPLAINT, List.of(), null, originalIds(message),
                    "RFC 5965 feedback report");
        }
        if (isNonStandardComplaint(root, message)) {
            return message.result(MessageKind.COMPLAINT, List.of(), null, originalIds(message),
                    "complaint report with the original message attached");
        }
        SesNotification.Parsed ses = SesNotification.parse(message.bodyText);
        if (ses != null) {
            List<String> references = new ArrayList<>(ses.originalIds());
            references.addAll(message.threadReferences);
            return ses.complaint()
                    ? message.result(MessageKind.COMPLAINT, List.of(), null, references, "Amazon SES complaint notification")
                    : message.result(MessageKind.BOUNCE, ses.failedRecipients(), null, references,
                    "Amazon SES bounce notification");
        }
        BounceReport bounce = bounceDetector.detect(root, headers, message.bodyText);
        if (bounce != null && !bounce.success()) {
            return message.result(MessageKind.BOUNCE, bounce.failedRecipients(), null, originalIds(message),
                    bounce.explanation());
        }
        if (bounce != null) {
            return message.result(MessageKind.OTHER, List.of(), null, message.threadReferences,
                    bounce.explanation());
        }
        AutoReplyDetector.Verdict verdict = autoReplyDetector.detect(headers, message.subject, message.bodyText);
        if (verdict.autoReply()) {
            LocalDate reference = message.zonedDate == null ? null : message.zonedDate.toLocalDate();
            String text = (message.subject == null ? "" : message.subject) + "\n" + message.bodyText;
            ReturnDateParser.ReturnDate until = ReturnDateParser.find(text, reference, ReturnDateParser.slashOrder(
                    headers.get("content-language"), message.zonedDate == null ? null : message.zonedDate.getOffset(),
                    text));
            return message.result(MessageKind.AUTO_REPLY, List.of(), until == null ? null : until.date(),
                    message.threadReferences, verdict.explanation()
                    + (until == null ? "" : "; return date: " + until.rule()));
        }
        if (verdict.automated()) {
            return message.result(MessageKind.OTHER, List.of(), null, message.threadReferences,
                    verdict.explanation());
        }
        String bulk = bulkReason(headers, message);
        if (bulk != null) {
            return message.result(MessageKind.OTHER, List.of(), null, message.threadReferences, bulk);
        }
        return message.result(MessageKind.HUMAN_REPLY, List.of(), null, message.threadReferences,
                "written by a person: no bounce, complaint, auto-reply or bulk signals");
    }

    private static boolean isFeedbackReport(MimeEntity root) {
        String reportType = root.contentType().parameter("report-type");
        if (root.contentType().is("multipart/report") && reportType != null
                && reportType.trim().equalsIgnoreCase("feedback-report")) {
            return true;
        }
        return root.ownParts().stream().anyMatch(entity -> entity.contentType().is("message/feedback-report"));
    }

    /** A complaint that is not ARF: a complaint/abuse subject with the reported message attached (e.g. JMRP). */
    private static boolean isNonStandardComplaint(MimeEntity root, Message message) {
        String subject = message.subject == null ? "" : message.subject;
        boolean attached = false;
        boolean microsoftReport = false;
        for (MimeEntity entity : root.ownParts()) {
            if (MimeEntity.isEmbeddedMessage(entity) && !entity.children().isEmpty()) {
                attached = true;
                microsoftReport |= entity.children().get(0).headers().has("x-hmxmroriginalrecipient");
            }
        }
        boolean fromMailSystem = Addresses.isMailSystem(message.from);
        boolean deliveryReport = root.ownParts().stream()
                .anyMatch(entity -> entity.contentType().mimeType().endsWith("delivery-status"));
        return microsoftReport
                || attached && !fromMailSystem && !deliveryReport && COMPLAINT_SUBJECT.matcher(subject).find()
                && !BounceDetector.REPLY_SUBJECT.matcher(subject).find();
    }

    private static String bulkReason(Headers headers, Message message) {
        if (message.from == null) {
            return "no sender address";
        }
        if (MACHINE_SENDER.matcher(message.from).find()) {
            return "sent from a machine address";
        }
        boolean replyToThread = headers.has("in-reply-to");
        if (!replyToThread && (headers.has("list-unsubscribe") || headers.has("list-id")
                || headers.lower("precedence").equals("list"))) {
            return "mailing list or newsletter";
        }
        if (!replyToThread && (headers.has("feedback-id") || headers.has("x-campaign") || headers.has("x-mailgun-tag")
                || headers.has("x-mc-user") || headers.has("x-sfmc-stack"))) {
            return "bulk mail";
        }
        return null;
    }

    private List<String> originalIds(Message message) {
        Set<String> ids = new LinkedHashSet<>();
        StringBuilder ownText = new StringBuilder();
        for (MimeEntity entity : message.root.flatten()) {
            if (MimeEntity.isEmbeddedMessage(entity) && !entity.children().isEmpty()) {
                String id = MessageIds.first(entity.children().get(0).headers().get("message-id"));
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        for (MimeEntity entity : message.root.ownParts()) {
            if (entity.contentType().mimeType().startsWith("text/") && !MimeEntity.isEmbeddedMessage(entity)) {
                ownText.append(entity.text()).append('\n');
                if (ownText.length() > limits.maxTextChars()) {
                    break;
                }
            }
        }
        ids.addAll(MessageIds.inlineIds(ownText.length() > limits.maxTextChars()
                ? ownText.substring(0, limits.maxTextChars()) : ownText.toString()));
        ids.addAll(message.threadReferences);
        if (message.messageId != null) {
            ids.remove(message.messageId);
        }
        return new ArrayList<>(ids);
    }

    private static InboundAnalysis failed(String error) {
        return new InboundAnalysis(MessageKind.OTHER, null, null, null, null, List.of(), null, "", List.of(), error,
                "message could not be parsed");
    }

    /** The header facts every result carries. */
    private final class Message {
        private final MimeEntity root;
        private final String messageId;
        private final String from;
        private final String subject;
        private final ZonedDateTime zonedDate;
        private final Instant date;
        private final String bodyText;
        private final List<String> threadReferences;
        private final String error;

        Message(MimeEntity root, Headers headers, String error) {
            this.root = root;
            this.messageId = MessageIds.first(headers.get("message-id"));
            this.from = Addresses.first(headers.get("from"));
            this.subject = headers.get("subject");
            this.zonedDate = MailDates.parse(headers.get("date"));
            this.date = zonedDate == null ? null : zonedDate.toInstant();
            this.bodyText = BodyText.of(root, limits.maxTextChars());
            this.threadReferences = MessageIds.threadReferences(headers, messageId);
            this.error = error;
        }

        InboundAnalysis result(MessageKind kind, List<FailedRecipient> failed, LocalDate until,
                               List<String> references, String explanation) {
            return new InboundAnalysis(kind, messageId, from, subject, date, failed, until, bodyText, references,
                    error, explanation);
        }
    }
}
