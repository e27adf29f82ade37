package io.followup.inbound.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps the diagnostic text and status code of one failed recipient to a {@link BounceClass}.
 * Specific wording in the text wins; the enhanced status code (RFC 3463) decides otherwise.
 */
final class BounceReasons {

    private record Rule(Pattern pattern, BounceClass bounceClass) {
    }

    private static final List<Rule> RULES = List.of(
            rule(BounceClass.MAILBOX_FULL, "mail ?box (is |was )?(full|over|exceed)|over ?quota|quota (exceeded|"
                    + "full|violation)|exceed(s|ed)? (the |his |her |its )?(storage|quota|mailbox)|disk quota"
                    + "|insufficient (disk |system )?(space|storage)|not enough (disk )?(space|storage)"
                    + "|mailbox size limit|storage (allocation|limit|quota)|(user|recipient|account) is over"
                    + "|mail ?folder is full|too much mail|no space left|full mailbox|postfach (ist )?voll"
                    + "|boîte (aux lettres )?pleine|ящик переполнен|mailbox_full|out of (disk )?space"),
            rule(BounceClass.INVALID_RECIPIENT, "user ?unknown|unknown (user|recipient|local[- ]part|address"
                    + "|mailbox|alias)|no such (user|mailbox|recipient|account|address|person|local user|domain)"
                    + "|(user|recipient|mailbox|account|address|addressee)( name)?( \\S+)? (does not|doesn't|"
                    + "did not) exist|(user|recipient|mailbox|account|address|addressee) (not found|unknown"
                    + "|invalid|is unknown|is invalid|is not valid|not (listed|known|valid))|invalid (recipient"
                    + "|mailbox|user|address|e-?mail address)|(mailbox|account) (is )?(unavailable|not available)"
                    + "|not a (valid|known) (user|mailbox|recipient)|unrouteable address|unroutable address"
                    + "|(host|domain) (unknown|not found|name not found|does not exist|lookup failed)|unknown "
                    + "(host|domain)|host or domain name not found|name or service not known|no mx record"
                    + "|nxdomain|no route to host found|has moved|moved (away|to)|address (has )?changed"
                    + "|no longer (valid|active|available|in use|with)|bad destination|recipient rejected"
                    + "|does not have an? (email )?(account|mailbox)|mailbox not found|(user|recipient) "
                    + "(address )?rejected: (unknown|user unknown|invalid|not found)|unknown in (local|virtual)"
                    + "|not our customer|no mailbox here|dd this user|address lookup failed|resolver\\.adr"
                    + "|this (user|account) (doesn't|does not) have|user not exist|no existe|n'existe pas"
                    + "|unbekannt|不明|存在しない|ist unbekannt|is not a valid mailbox|undeliverable address"
                    + "|recipient (address )?(is )?not (found|valid|recognized)|i('m| am) not going to try again"
                    + "|not listed in|unknown or invalid|address unknown|mailbox unknown"),
            rule(BounceClass.TRANSIENT, "(retry|delivery) time(out)? (was )?(exceeded|expired)|expired|timed? ?out"
                    + "|too long in (the )?queue|could not be delivered (for|within) \\d|delay(ed)? for"
                    + "|too many (concurrent )?(connections|sessions|smtp sessions)|connection (limit|refused"
                    + "|reset|closed|dropped|lost)|try again later|temporar(il)?y|network (is )?unreachable"
                    + "|unreachable|no route to host|could not connect|unable to connect|failed to connect"
                    + "|system error|mailer error|local delivery failed|internal (server )?error|server error"
                    + "|resources|service (not available|unavailable)|mail loop|loops back|routing loop"
                    + "|too many hops|rate limit|too many (messages|mails|emails)|sending rate|throttl"
                    + "|deferred|greylist|queue file|command (died|failed)|pipe to|unable to deliver (in|after)"
                    + "|lost connection|error in processing|can't create|i/o error|congestion"),
            rule(BounceClass.POLICY, "block|blacklist|black list|deny list|denylist|spam|junk|reject|refus"
                    + "|denied|not (allowed|permitted|authorized|accepted)|prohibit|policy|dmarc|spf|dkim"
                    + "|authenticat|relay|too (large|big)|size (limit|exceed)|message (size|length) exceed"
                    + "|exceeds (the )?(maximum|size)|virus|malware|reverse dns|\\bptr\\b|rdns|reputation"
                    + "|suspend|disabled|deactivated|inactive|locked|frozen|filter|content|banned|forbidden"
                    + "|rfc ?5322|rfc ?2822|rfc ?822|not compliant|header|tls|encrypt|security|syntax"
                    + "|restricted|unsolicited|abuse|listed|poor|improper|bad sender|sender (address )?"
                    + "(verify|verification)|dnsbl|rbl")
    );

    private BounceReasons() {
    }

    private static Rule rule(BounceClass bounceClass, String regex) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), bounceClass);
    }

    /** The class for this status code and diagnostic text; both may be null. */
    static BounceClass classify(String status, String text) {
        BounceClass byText = classifyText(text);
        if (byText != null) {
            return byText;
        }
        return classifyStatus(status);
    }

    static BounceClass classifyText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String sample = text.length() > 4000 ? text.substring(0, 4000) : text;
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(sample).find()) {
                return rule.bounceClass();
            }
        }
        return null;
    }

    static BounceClass classifyStatus(String status) {
        if (status == null || status.length() < 5) {
            return BounceClass.OTHER;
        }
        String detail = status.substring(2).toLowerCase(Locale.ROOT);
        if (detail.startsWith("1.")) {
            return switch (detail) {
                case "1.3", "1.7", "1.8" -> BounceClass.POLICY;
                default -> BounceClass.INVALID_RECIPIENT;
            };
        }
        if (detail.startsWith("2.")) {
            return switch (detail) {
                case "2.2" -> BounceClass.MAILBOX_FULL;
                case "2.1", "2.3" -> BounceClass.POLICY;
                default -> status.startsWith("4") ? BounceClass.TRANSIENT : BounceClass.OTHER;
            };
        }
        if (detail.startsWith("3.")) {
            return switch (detail) {
                case "3.1" -> BounceClass.MAILBOX_FULL;
                case "3.4" -> BounceClass.POLICY;
                default -> BounceClass.TRANSIENT;
            };
        }
        if (detail.startsWith("4.")) {
            return detail.equals("4.4") && status.startsWith("5") ? BounceClass.INVALID_RECIPIENT
                    : BounceClass.TRANSIENT;
        }
        if (detail.startsWith("5.")) {
            return status.startsWith("4") ? BounceClass.TRANSIENT : BounceClass.OTHER;
        }
        if (detail.startsWith("6.") || detail.startsWith("7.")) {
            return BounceClass.POLICY;
        }
        return status.startsWith("4") ? BounceClass.TRANSIENT : BounceClass.OTHER;
    }

    /** A status code for a recipient whose report gives none, inferred from the text and class. */
    static String inferStatus(String text, BounceClass bounceClass) {
        String found = StatusCodes.find(text);
        if (found != null) {
            return found;
        }
        String reply = StatusCodes.findReply(text);
        String first = reply != null ? reply.substring(0, 1) : bounceClass == BounceClass.TRANSIENT ? "4" : "5";
        return switch (bounceClass) {
            case INVALID_RECIPIENT -> first + ".1.1";
            case MAILBOX_FULL -> first + ".2.2";
            case POLICY -> first + ".7.1";
            case TRANSIENT -> first + ".4.7";
            case OTHER -> reply == null ? null : first + ".0.0";
        };
    }

    static boolean isHard(BounceClass bounceClass, String status) {
        return switch (bounceClass) {
            case INVALID_RECIPIENT -> true;
            case OTHER -> status != null && status.startsWith("5");
            default -> false;
        };
    }
}
