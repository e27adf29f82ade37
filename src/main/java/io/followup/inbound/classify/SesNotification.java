package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SES bounce and complaint notifications delivered by e-mail (an SNS JSON body). Read with
 * patterns rather than a JSON parser because such bodies often arrive wrapped or cut.
 */
final class SesNotification {

    /** The parsed notification: {@code complaint} true for a complaint, else a bounce with recipients. */
    record Parsed(boolean complaint, List<FailedRecipient> failedRecipients, List<String> originalIds) {
    }

    private static final Pattern TYPE = Pattern.compile("\"notificationType\"\\s*:\\s*\"(Bounce|Complaint)\"");
    private static final Pattern BOUNCE_TYPE = Pattern.compile("\"bounceType\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern RECIPIENT = Pattern.compile("\\{\\s*\"emailAddress\"\\s*:\\s*\"([^\"]{1,320})\"([^}]{0,2000})\\}");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DIAGNOSTIC = Pattern.compile("\"diagnosticCode\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"(<[^\"]{3,500}>)\"");

    private SesNotification() {
    }

    /** The notification in a body, or null when the body is not one. */
    static Parsed parse(String body) {
        String text = body.strip();
        if (!text.startsWith("{")) {
            return null;
        }
        String sample = text.length() > 100_000 ? text.substring(0, 100_000) : text;
        Matcher type = TYPE.matcher(sample);
        if (!type.find()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        Matcher messageId = MESSAGE_ID.matcher(sample);
        while (messageId.find()) {
            ids.add(MessageIds.normalize(messageId.group(1)));
        }
        if (type.group(1).equals("Complaint")) {
            return new Parsed(true, List.of(), ids);
        }
        Matcher bounceType = BOUNCE_TYPE.matcher(sample);
        boolean permanent = bounceType.find() && bounceType.group(1).equalsIgnoreCase("Permanent");
        List<FailedRecipient> recipients = new ArrayList<>();
        Matcher recipient = RECIPIENT.matcher(sample);
        while (recipient.find() && recipients.size() < 500) {
            String rest = recipient.group(2);
            Matcher status = STATUS.matcher(rest);
            Matcher diagnostic = DIAGNOSTIC.matcher(rest);
            String code = status.find() ? StatusCodes.find(status.group(1)) : null;
            String diagnosticText = diagnostic.find() ? diagnostic.group(1) : "";
            if (code == null) {
                code = StatusCodes.find(diagnosticText);
            }
            BounceReasons.Decision decision = BounceReasons.classify(code, diagnosticText);
            if (!permanent && decision.bounceClass() == BounceClass.OTHER) {
                decision = new BounceReasons.Decision(BounceReason.SYSTEM_ERROR, "SES bounceType is not Permanent");
            }
            BounceClass bounceClass = decision.bounceClass();
            if (code == null) {
                code = BounceReasons.inferStatus(diagnosticText, bounceClass);
            }
            String address = recipient.group(1).toLowerCase(Locale.ROOT);
            recipients.add(new FailedRecipient(address, code, bounceClass, BounceReasons.isHard(bounceClass, code),
                    address, null, decision.reason(), decision.why()));
        }
        return new Parsed(false, recipients, ids);
    }
}
