package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes delivery failure reports: RFC 3464 delivery-status notifications first, then the
 * non-standard reports of common MTAs (qmail, Exim, Sendmail, Postfix without DSN, Microsoft,
 * Yahoo, GMX, mail.ru, Notes...) by their sender, subject and wording. Thread-safe (stateless).
 */
final class BounceDetector {

    private static final Pattern DAEMON_NAME = Pattern.compile(
            "mailer[- ]?daemon|mail delivery (sub)?system|postmaster|mail administrator|delivery (status )?"
                    + "notification|mail ?system|mail delivery|returned mail|mailer|nondeliver",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "undeliver|undelivered|not (be )?delivered|delivery (status notification|failure|failed|problem"
                    + "|has failed|report|notification)|failure notice|mail delivery (failed|failure|system)"
                    + "|returned mail|returning message|mail system error|delivery (was )?unsuccessful"
                    + "|non[- ]?deliver|nondeliver|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen"
                    + "|non remis|échec de (la )?(remise|livraison)|no se (ha )?pud|no entregado|não entregue"
                    + "|onbestelbaar|non recapitat|mancata consegna|не доставлено|недоставлен|could not send"
                    + "|message (not )?(sent|delivered)|bounce|rejected|delivery (notice|warning)|warning: could"
                    + "|mail failure|failed delivery|error sending|delivery error|unable to deliver"
                    + "|permanent (error|failure)|nicht zugestellt|mail could not be delivered|mail failed|returning to sender"
                    + "|returned to sender|mail error|delivery error|error notification"
                    + "|配信不能|配信エラー|配信失敗|配送エラー|配送失敗|送信エラー|送信失敗|不達|未達|エラーメール|返送(された)?メール"
                    + "|退信|投递失败|投遞失敗|无法投递|無法投遞|未送达|未送達|发送失败|發送失敗|전송 실패|배달 실패|반송",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FAILURE_TEXT = Pattern.compile(
            "could not be delivered|couldn't be delivered|was not delivered|wasn't delivered|not be delivered"
                    + "|undeliverable|undelivered|delivery (to the following )?(recipients? )?(has )?failed"
                    + "|failed permanently|permanent (error|failure|fatal)|fatal error|unable to deliver"
                    + "|wasn't able to deliver|was unable to deliver|delivery (has )?failed|delivery failure"
                    + "|following (address(es)?|recipients?)( had permanent fatal errors| failed)?"
                    + "|(recipient|address)(es)? failed|user unknown|unknown user|no such user|mailbox "
                    + "(is )?(full|unavailable)|message (was |has been )?(rejected|returned|blocked|bounced)"
                    + "|returned to (the )?sender|delivery to the following|transcript of session"
                    + "|could not deliver|can ?not be delivered|cannot deliver|error delivering|was rejected"
                    + "|did not reach|could not reach|(remote|destination) (host|server) (said|responded"
                    + "|returned)|smtp error|giving up|gave up|not delivered|delivery (attempts|temporarily)"
                    + "|has not (yet )?been delivered|nicht zugestellt|unzustellbar|konnte nicht zugestellt"
                    + "|n'a pas pu être (remis|délivré)|no (se )?pudo (ser )?entregar|não (foi|pôde ser) entregue"
                    + "|не (может быть|был|удалось) достав|returned mail|retry (time|timeout)|delivery to .{0,80}"
                    + "failed|failed addresses|no valid recipients|requested action not taken"
                    + "|(配信|配送|送信|転送)(されませんでした|できませんでした|できません|に失敗)|届けられませんでした"
                    + "|届きませんでした|(无法|無法|不能)(投递|投遞|送达|送達|发送|發送)|投递失败|投遞失敗|发送失败|發送失敗"
                    + "|(전송|배달|발송)(되지 않았|할 수 없|에 실패|실패)"
                    + "|\\b5\\d\\d[ -]\\d\\.\\d{1,3}\\.\\d{1,3}|\\b[45]\\d\\d[ -][^\\n]{0,80}"
                    + "(unknown|reject|denied|refused|not exist|blocked|full|quota)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ORIGINAL_MARKER = Pattern.compile(
            "(?im)^[ \\t]*[-=_*]*[ \\t]*(below this line is a copy of the message|this is a copy of the message"
                    + "|(a )?copy of the (original )?message|original message|returned message|unsent message"
                    + "|message headers follow|the (header|headers) of the original message|original message "
                    + "headers?|the original message (follows|headers)|undelivered message (attached|follows)"
                    + "|forwarded message|rfc822 headers|headers of (the )?original|text of the original"
                    + "|content-type: message/rfc822|(元の|返送された)メッセージ[ \\t:：=_*-]*$)");
    static final Pattern REPLY_SUBJECT = Pattern.compile("^\\s*(re|aw|sv|antw|fwd?|wg|tr|rv)\\s*:",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HELP_LINE = Pattern.compile(
            "contact|assistance|questions|help|support|send mail to|write to|do not reply|visit",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_REPLY = Pattern.compile("^(no-?reply|do-?not-?reply|donotreply)[^@]*@",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENDER_LINE = Pattern.compile("(?im)(mail from|^\\s*from):\\s*[^\\n]*");
    /** The stock words a filter answers with when it hides its reason (not a directory's own message). */
    private static final Pattern STOCK_UNKNOWN = Pattern.compile(
            "user ?unknown|unknown user|no such user|mailbox does not exist|unknown recipient"
                    + "|requested action not taken: mailbox unavailable", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_REPLY = Pattern.compile("(?<![\\d.#-])[45][0-5]\\d(?=[\\s,;-])");
    /** The reporting system's own statement that the address itself was refused or not found. */
    private static final Pattern ADDRESS_REFUSED = Pattern.compile(
            "address (was )?not found|address couldn't be found|address could not be found|rejected (the )?address"
                    + "|address (was |has been )?rejected|recipient (address )?rejected", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_REJECTION = Pattern.compile(
            "(you )?are not (a )?member|not member article|non-?member (post|submission|article)|only members"
                    + "|posting (is )?(restricted|not allowed)|not allowed to post|reject mail|spammer maybe"
                    + "|loop alert|loop back warning|unix from loop|fml system error|security alert",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?im)^(Return-Path|Received|Message-I[dD]|From|Date|Subject|To|MIME-Version|DKIM-Signature"
                    + "|X-[\\w-]+|Content-Type|Delivered-To|Reply-To):[ \\t]");

    private static final int MAX_RECIPIENTS = 500;

    private final int maxTextChars;

    BounceDetector(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** The report for a bounce, or null when the message is not one. */
    BounceReport detect(MimeEntity root, Headers headers, String bodyText) {
        MimeEntity status = root.ownParts().stream().filter(this::isDeliveryStatus).findFirst().orElse(null);
        String explanation = explanatoryText(root, bodyText);
        if (status != null) {
            return fromDeliveryStatus(status.text(), headers, explanation, root);
        }
        BounceReport heuristic = heuristic(root, headers, explanation);
        if (heuristic == null) {
            return null;
        }
        MimeEntity forwarded = root.findFirst(this::isDeliveryStatus);
        String quotedFields = forwarded != null ? forwarded.text() : pastedDeliveryStatus(bodyText);
        if (quotedFields != null) {
            BounceReport quoted = fromDeliveryStatus(quotedFields, headers, explanation, root);
            if (!quoted.success() && !quoted.failedRecipients().isEmpty()
                    && quoted.failedRecipients().stream().anyMatch(recipient -> recipient.address() != null)) {
                return new BounceReport(quoted.failedRecipients(), false, heuristic.explanation()
                        + (forwarded != null ? ", with a quoted delivery-status report"
                        : ", with delivery-status fields pasted as text"));
            }
        }
        return heuristic;
    }

    /**
     * A delivery-status report pasted into a plain-text body (a forwarded bounce without MIME
     * structure): the text from its first per-message or per-recipient field to the next MIME
     * boundary line. Null unless it has a recipient field and an Action or Status field.
     */
    static String pastedDeliveryStatus(String body) {
        if (body == null) {
            return null;
        }
        Matcher start = PASTED_DSN_START.matcher(body);
        if (!start.find()) {
            return null;
        }
        String rest = body.substring(start.start());
        Matcher boundary = BOUNDARY_LINE.matcher(rest);
        String fields = boundary.find() ? rest.substring(0, boundary.start()) : rest;
        boolean recipient = RECIPIENT_FIELD.matcher(fields).find();
        boolean outcome = OUTCOME_FIELD.matcher(fields).find();
        return recipient && outcome ? fields : null;
    }

    private static final Pattern PASTED_DSN_START = Pattern.compile(
            "(?im)^(reporting-mta|final-recipient|original-recipient):[ \\t]*\\S");
    private static final Pattern BOUNDARY_LINE = Pattern.compile("(?m)^--\\S");
    private static final Pattern RECIPIENT_FIELD = Pattern.compile("(?im)^(final|original)-recipient:[ \\t]*\\S");
    private static final Pattern OUTCOME_FIELD = Pattern.compile("(?im)^(action|status):[ \\t]*\\S");

    private boolean isDeliveryStatus(MimeEntity entity) {
        return entity.contentType().is("message/delivery-status")
                || entity.contentType().is("message/global-delivery-status");
    }

    private BounceReport fromDeliveryStatus(String statusText, Headers headers, String explanation,
                                            MimeEntity root) {
        List<DeliveryStatusFields> all = DeliveryStatusFields.parse(limit(statusText));
        List<DeliveryStatusFields> failures = all.stream().filter(DeliveryStatusFields::isFailure).toList();
        if (!all.isEmpty() && failures.isEmpty()) {
            return new BounceReport(List.of(), true, "delivery-status report without failed recipients");
        }
        List<FailedRecipient> recipients = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DeliveryStatusFields fields : failures) {
            if (recipients.size() >= MAX_RECIPIENTS) {
                break;
            }
            String address = fields.address();
            if (address != null && !seen.add(address)) {
                continue;
            }
            String diagnostic = fields.diagnostic();
            String code = fields.status().isEmpty() ? null : fields.status();
            String diagnosticCode = StatusCodes.find(diagnostic);
            if (diagnosticCode != null && (code == null || code.endsWith(".0.0"))) {
                code = diagnosticCode;
            }
            String segment = segmentFor(address, explanation);
            FailedRecipient decided = byStage(recipient(address, code, diagnostic, segment), code, diagnostic,
                    segment, explanation);
            recipients.add(new FailedRecipient(decided.address(), decided.status(), decided.bounceClass(),
                    decided.hard(), fields.finalRecipient() != null ? fields.finalRecipient() : address,
                    fields.originalRecipient(), decided.reason(), decided.why()));
        }
        if (recipients.isEmpty()) {
            recipients.addAll(heuristicRecipients(root, headers, explanation));
        }
        return new BounceReport(recipients, false, "RFC 3464 delivery-status report");
    }

    private BounceReport heuristic(MimeEntity root, Headers headers, String explanation) {
        String from = headers.get("from") == null ? "" : headers.get("from");
        String fromAddress = Addresses.first(from);
        boolean fromDaemon = Addresses.isMailSystem(fromAddress) || DAEMON_NAME.matcher(from).find()
                || from.contains("<>");
        boolean nullSender = headers.lower("return-path").replace(" ", "").equals("<>");
        boolean failedHeader = headers.has("x-failed-recipients");
        String subject = headers.get("subject") == null ? "" : headers.get("subject");
        boolean bounceSubject = BOUNCE_SUBJECT.matcher(subject).find();
        boolean failureText = FAILURE_TEXT.matcher(explanation).find();
        boolean machineSender = fromAddress != null && NO_REPLY.matcher(fromAddress).find();
        BounceReport listRejection = listManagerRejection(root, headers, subject, explanation);
        if (listRejection != null) {
            return listRejection;
        }
        boolean bounce = failedHeader && (failureText || fromDaemon || bounceSubject)
                || fromDaemon && (failureText || bounceSubject)
                || machineSender && failureText && BounceReasons.mentionsReason(explanation)
                || bounceSubject && failureText && !REPLY_SUBJECT.matcher(subject).find()
                && (nullSender || hasOriginal(root, explanation));
        if (!bounce) {
            return null;
        }
        List<FailedRecipient> recipients = heuristicRecipients(root, headers, explanation);
        List<String> signals = new ArrayList<>();
        if (failedHeader) {
            signals.add("X-Failed-Recipients");
        }
        if (fromDaemon) {
            signals.add("sent by a mail system");
        }
        if (bounceSubject) {
            signals.add("bounce subject");
        }
        if (failureText) {
            signals.add("delivery failure wording");
        }
        return new BounceReport(recipients, false, "non-standard bounce: " + String.join(", ", signals));
    }

    /**
     * A mailing-list manager (fml, Mailman, ezmlm, Sympa... identified by its own header) that returns
     * a post it refused: not a member, a loop, a security alert. Such a report comes from the list's
     * admin address, not a mail daemon, so it needs its own signal; the reason is the manager's words.
     */
    private BounceReport listManagerRejection(MimeEntity root, Headers headers, String subject, String explanation) {
        StringBuilder software = new StringBuilder();
        for (String name : List.of("x-mlserver", "x-ml-server", "list-software", "x-mailman-version", "x-ml-name")) {
            headers.getAll(name).forEach(value -> software.append(value).append(' '));
        }
        if (software.toString().isBlank()) {
            return null;
        }
        Matcher rejection = LIST_REJECTION.matcher(subject + "\n" + explanation);
        if (!rejection.find()) {
            return null;
        }
        String words = rejection.group().toLowerCase(Locale.ROOT);
        BounceReason reason = words.contains("loop") || words.contains("system error") ? BounceReason.SYSTEM_ERROR
                : words.contains("security") ? BounceReason.SECURITY_ERROR : BounceReason.REJECTED;
        BounceReasons.Decision decision = new BounceReasons.Decision(reason,
                "mailing-list manager: \"" + rejection.group() + "\"");
        List<FailedRecipient> recipients = new ArrayList<>();
        for (FailedRecipient found : heuristicRecipients(root, headers, explanation)) {
            String code = BounceReasons.inferStatus(explanation, reason.bounceClass());
            recipients.add(withDecision(found.address(), code, decision));
        }
        return new BounceReport(recipients, false, "mailing-list manager refused the post ("
                + software.toString().strip() + ")");
    }

    private List<FailedRecipient> heuristicRecipients(MimeEntity root, Headers headers, String explanation) {
        Set<String> excluded = new LinkedHashSet<>();
        for (String name : List.of("from", "to", "return-path", "reply-to", "sender", "delivered-to",
                "x-original-to", "cc")) {
            for (String value : headers.getAll(name)) {
                excluded.addAll(Addresses.all(value));
            }
        }
        Headers original = originalHeaders(root);
        for (String name : List.of("from", "return-path", "reply-to", "sender")) {
            for (String value : original.getAll(name)) {
                excluded.addAll(Addresses.all(value));
            }
        }
        Matcher senderLine = SENDER_LINE.matcher(explanation);
        while (senderLine.find()) {
            String sender = Addresses.find(senderLine.group());
            if (sender != null) {
                excluded.add(sender);
            }
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (String value : headers.getAll("x-failed-recipients")) {
            candidates.addAll(Addresses.all(value));
        }
        if (candidates.isEmpty()) {
            for (String line : explanation.split("\n")) {
                boolean helpLine = HELP_LINE.matcher(line).find();
                for (String address : namedOnLine(line)) {
                    boolean leading = line.toLowerCase(Locale.ROOT).replaceFirst("^[\\s<>\"']+", "")
                            .startsWith(address);
                    if (!excluded.contains(address) && !Addresses.isMailSystem(address) && (leading || !helpLine)) {
                        candidates.add(address);
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            for (String value : original.getAll("to")) {
                candidates.addAll(Addresses.all(value));
            }
            if (candidates.size() > 1) {
                candidates.clear();
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(receivedFor(original));
        }
        List<FailedRecipient> recipients = new ArrayList<>();
        for (String address : candidates) {
            if (recipients.size() >= MAX_RECIPIENTS) {
                break;
            }
            String segment = segmentFor(address, explanation);
            // With several recipients the whole text's first status code belongs to one of them, not to all.
            FailedRecipient found = candidates.size() > 1 ? recipient(address, null, segment, explanation, segment)
                    : recipient(address, null, segment, explanation);
            recipients.add(byStage(found, StatusCodes.find(segment), segment, explanation));
        }
        if (recipients.isEmpty()) {
            recipients.add(recipient(null, null, explanation, ""));
        }
        return recipients;
    }

    /**
     * The addresses a line of a report names, without those that are not mailboxes: a Message-ID on
     * the line ({@code Message-ID:<...>}, {@code <id@host>} after "message-id"), a path-like token
     * ({@code identity/ann@example.net} in an SES ARN, a URL path), and the display part of a
     * malformed {@code ann@example.net <ann@example.net>} pair (only the bracketed address counts).
     */
    static List<String> namedOnLine(String line) {
        List<String> named = new ArrayList<>();
        Matcher pair = DISPLAY_PAIR.matcher(line);
        int displayEnd = line.indexOf('<') >= 0 && pair.find() ? pair.end(1) : -1;
        List<int[]> ids = new ArrayList<>();
        Matcher id = MESSAGE_ID.matcher(line);
        while (id.find()) {
            ids.add(new int[] {id.start(2), id.end(2)});
        }
        Matcher matcher = Addresses.ADDRESS.matcher(line);
        while (matcher.find()) {
            String address = matcher.group(1);
            int at = matcher.start(1);
            if (address.substring(0, address.indexOf('@')).contains("/")
                    || at > 0 && line.charAt(at - 1) == '/'
                    || matcher.end(1) <= displayEnd
                    || ids.stream().anyMatch(span -> at >= span[0] && at < span[1])) {
                continue;
            }
            String found = Addresses.find(address);
            if (found != null && !named.contains(found)) {
                named.add(found);
            }
        }
        return named;
    }

    private static final Pattern MESSAGE_ID = Pattern.compile(
            "(?i)\\b(message-?id|message id|in-reply-to|references)\\s*[:=]?\\s*(<[^<>\\s]{3,500}>)");
    private static final Pattern DISPLAY_PAIR = Pattern.compile("^[\\s\"']{0,10}([^\\s<>\"'@]{1,64}@[^\\s<>\"'@]{1,255})"
            + "[\"']?\\s{1,10}<[^<>\\s@]{1,64}@[^<>\\s@]{1,255}>");

    /**
     * The recipient the original message's own trace names ("Received: ... for <ann@example.net>"),
     * when every such header names the same one address; empty otherwise. Used only when the report
     * names no recipient and the original's To is not a single address.
     */
    private static List<String> receivedFor(Headers original) {
        Set<String> named = new LinkedHashSet<>();
        for (String received : original.getAll("received")) {
            Matcher matcher = RECEIVED_FOR.matcher(received);
            if (matcher.find()) {
                named.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return named.size() == 1 ? List.copyOf(named) : List.of();
    }

    private static final Pattern RECEIVED_FOR = Pattern.compile("\\bfor\\s+<?([^<>\\s;@]{1,64}@[^<>\\s;@]{1,255})>?\\s*;",
            Pattern.CASE_INSENSITIVE);

    private static FailedRecipient recipient(String address, String status, String primary, String secondary) {
        return recipient(address, status, primary, secondary, secondary);
    }

    /** The decision for one recipient; a status code missing from {@code primary} may come from {@code codes}. */
    private static FailedRecipient recipient(String address, String status, String primary, String secondary,
                                             String codes) {
        String code = status != null ? status : StatusCodes.find(primary);
        if ((code == null || code.endsWith(".0.0")) && StatusCodes.find(primary) == null) {
            String fromSegment = StatusCodes.find(codes);
            if (fromSegment != null && !fromSegment.endsWith(".0.0")
                    && (code == null || fromSegment.charAt(0) == code.charAt(0))) {
                code = fromSegment;
            }
        }
        BounceReasons.Decision decision = BounceReasons.decide(code, primary);
        if (decision == null) {
            decision = BounceReasons.decide(code, secondary);
        }
        if (decision == null && code == null) {
            decision = BounceReasons.classifyReply(StatusCodes.findReply(primary));
        }
        if (decision == null) {
            decision = BounceReasons.fromStatus(code);
        }
        if (code != null && code.startsWith("4") && BounceReasons.specificStatus(code) == null
                && !BounceReasons.strongWording(primary)
                && (decision.bounceClass() == BounceClass.INVALID_RECIPIENT
                || decision.bounceClass() == BounceClass.OTHER || decision.reason() == BounceReason.REJECTED)) {
            decision = new BounceReasons.Decision(BounceReason.SYSTEM_ERROR,
                    "temporary status " + code + " (" + decision.why() + ")");
        }
        if (code == null) {
            code = BounceReasons.inferStatus(primary, decision.bounceClass());
        }
        return withDecision(address, code, decision);
    }

    private static FailedRecipient withDecision(String address, String code, BounceReasons.Decision decision) {
        BounceClass bounceClass = decision.bounceClass();
        return new FailedRecipient(address, code, bounceClass, BounceReasons.isHard(bounceClass, code), address,
                null, decision.reason(), decision.why());
    }

    /**
     * "User unknown" is about the address when the server said it in answer to RCPT TO, when a status
     * code names the address (X.1.x, RFC 3463), or when the reporting system itself says the address
     * was refused or not found. The stock words ("user unknown", "no such user") after the content was
     * sent (DATA), or relayed with only a bare reply code and no stage, come from a filter that hides its
     * real reason: a policy bounce ("filtered", as sisimai reads it). Refused at MAIL FROM, it is the
     * sender that was refused.
     */
    private static FailedRecipient byStage(FailedRecipient recipient, String reportedCode, String... texts) {
        BounceReasons.Decision reported = BounceReasons.specificStatus(reportedCode);
        if (recipient.reason() != BounceReason.USER_UNKNOWN
                || reported != null && reported.bounceClass() == BounceClass.INVALID_RECIPIENT) {
            return recipient;
        }
        SmtpStage stage = SmtpStage.UNKNOWN;
        for (int index = 0; index < texts.length && stage == SmtpStage.UNKNOWN; index++) {
            stage = SmtpStage.of(texts[index]);
        }
        String why = recipient.why() + ", ";
        return switch (stage) {
            case RCPT -> recipient;
            case UNKNOWN -> !relayedBareReply(String.join("\n", texts)) ? recipient
                    : decided(recipient, BounceReason.FILTERED, why + "stock words relayed with a bare"
                    + " reply code, neither in answer to RCPT TO nor with a status code naming the address: a filter");
            case DATA -> !STOCK_UNKNOWN.matcher(String.join("\n", texts)).find() ? recipient
                    : decided(recipient, BounceReason.FILTERED, why + "refused after the content (DATA): a filter");
            case MAIL, CONNECT -> decided(recipient, BounceReason.REJECTED, why + "refused before any recipient ("
                    + stage.name() + "): the sender was refused");
        };
    }

    /** Stock unknown-user words with a bare SMTP reply code, no specific status code, no address statement. */
    private static boolean relayedBareReply(String text) {
        String code = StatusCodes.find(text);
        return (code == null || code.endsWith(".0.0")) && BARE_REPLY.matcher(text).find()
                && STOCK_UNKNOWN.matcher(text).find() && !ADDRESS_REFUSED.matcher(text).find();
    }

    private static FailedRecipient decided(FailedRecipient recipient, BounceReason reason, String why) {
        return new FailedRecipient(recipient.address(), recipient.status(), reason.bounceClass(),
                BounceReasons.isHard(reason.bounceClass(), recipient.status()), recipient.finalRecipient(),
                recipient.originalRecipient(), reason, why);
    }

    /**
     * The text about one recipient: the lines that name it (each with the line after), else the
     * text from its first mention on, else the whole explanation.
     */
    private static String segmentFor(String address, String explanation) {
        if (address == null) {
            return explanation;
        }
        String[] lines = explanation.split("\n");
        String block = TALKING_TO.matcher(explanation).find() ? transcriptBlock(address, lines) : null;
        if (block != null) {
            return block;
        }
        StringBuilder naming = new StringBuilder();
        for (int index = 0; index < lines.length && naming.length() < 4000; index++) {
            if (lines[index].toLowerCase(Locale.ROOT).contains(address)) {
                naming.append(lines[index]).append('\n');
                if (index + 1 < lines.length && lines[index + 1].indexOf('@') < 0
                        && !mentionsReasonOrCode(lines[index])) {
                    naming.append(lines[index + 1]).append('\n');
                }
            }
        }
        if (mentionsReasonOrCode(naming.toString())) {
            return naming.toString();
        }
        int index = explanation.toLowerCase(Locale.ROOT).indexOf(address);
        if (index >= 0) {
            int lineStart = explanation.lastIndexOf('\n', index) + 1;
            String following = explanation.substring(lineStart, Math.min(explanation.length(), index + 1500));
            if (mentionsReasonOrCode(following)) {
                return following;
            }
        }
        return explanation;
    }

    /**
     * Sendmail's transcript: "While talking to HOST:" opens a block of the session ({@code >>>} the
     * client's command, {@code <<<} the server's reply), followed by one summary record per recipient
     * ({@code 554 <ann@example.net>... Remote protocol error}). When the recipient's own record names
     * no reason, the server's reply in the block above it is the reason (with its command, the stage);
     * the records of other recipients after it are not. Null when the text has no such block.
     */
    private static String transcriptBlock(String address, String[] lines) {
        for (int index = 0; index < lines.length; index++) {
            if (!lines[index].toLowerCase(Locale.ROOT).contains(address)) {
                continue;
            }
            Matcher record = SENDMAIL_RECORD.matcher(lines[index]);
            if (!record.find() || !record.group(1).equalsIgnoreCase(address)
                    || mentionsReasonOrCode(record.group(2))) {
                continue;
            }
            StringBuilder session = new StringBuilder();
            for (int above = index - 1; above >= 0; above--) {
                String line = lines[above].strip();
                if (line.startsWith(">>>") || line.startsWith("<<<")) {
                    session.insert(0, line + "\n");
                } else if (TALKING_TO.matcher(line).find()) {
                    return session.length() == 0 || !mentionsReasonOrCode(session.toString()) ? null
                            : session + lines[index] + "\n";
                }
            }
            return null;
        }
        return null;
    }

    private static final Pattern SENDMAIL_RECORD = Pattern.compile("^\\s*[45]\\d\\d(?:[ -]\\d\\.\\d{1,3}\\.\\d{1,3})?"
            + " <([^<>\\s@]{1,64}@[^<>\\s@]{1,255})>\\.\\.\\.\\s*(.*)$");
    private static final Pattern TALKING_TO = Pattern.compile("while talking to \\S{1,255}:", Pattern.CASE_INSENSITIVE);

    private static boolean mentionsReasonOrCode(String text) {
        return BounceReasons.mentionsReason(text) || StatusCodes.find(text) != null;
    }

    private static boolean hasOriginal(MimeEntity root, String explanation) {
        return root.flatten().stream().anyMatch(MimeEntity::isEmbeddedMessage)
                || ORIGINAL_MARKER.matcher(explanation).find();
    }

    /** Headers of the original message a report quotes: an attached message, else an inline header block. */
    static Headers originalHeaders(MimeEntity root) {
        for (MimeEntity entity : root.ownParts()) {
            if (MimeEntity.isEmbeddedMessage(entity) && !entity.children().isEmpty()) {
                return entity.children().get(0).headers();
            }
        }
        return Headers.empty();
    }

    /** The human-readable report text, without the quoted original message. */
    private String explanatoryText(MimeEntity root, String bodyText) {
        StringBuilder text = new StringBuilder();
        for (MimeEntity entity : root.ownParts()) {
            if (entity.contentType().is("text/plain") && !MimeEntity.isEmbeddedMessage(entity)) {
                text.append(entity.text()).append('\n');
            }
        }
        if (text.length() == 0) {
            text.append(bodyText);
        }
        String all = limit(text.toString());
        return cutAtOriginal(all);
    }

    static String cutAtOriginal(String text) {
        int cut = text.length();
        Matcher marker = ORIGINAL_MARKER.matcher(text);
        if (marker.find() && marker.start() > 0) {
            cut = marker.start();
        }
        Matcher header = HEADER_LINE.matcher(text);
        while (header.find() && header.start() < cut) {
            if (header.start() > 0 && headerRun(text, header.start()) >= 3) {
                cut = header.start();
                break;
            }
        }
        return text.substring(0, cut);
    }

    private static int headerRun(String text, int start) {
        int count = 0;
        for (String line : text.substring(start, Math.min(text.length(), start + 3000)).split("\n", 12)) {
            if (HEADER_LINE.matcher(line).lookingAt()) {
                count++;
            } else if (!line.startsWith(" ") && !line.startsWith("\t")) {
                break;
            }
        }
        return count;
    }

    private String limit(String text) {
        return text.length() > maxTextChars ? text.substring(0, maxTextChars) : text;
    }
}
