package io.followup.inbound.classify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps the diagnostic text and status code of one failed recipient to a {@link BounceClass}.
 * Specific wording in the text wins; the enhanced status code (RFC 3463) decides otherwise.
 */
final class BounceReasons {

    private record Rule(Pattern pattern, BounceClass bounceClass) {
    }

    /** Wording so specific that it wins over the status code. */
    private static final List<Rule> STRONG = List.of(
            rule(BounceClass.MAILBOX_FULL, "mail ?box (is |was )?(full|over|exceed)|over ?quota|quota (exceeded|"
                    + "full|violation)|exceed(s|ed)? (the |his |her |its )?(storage|quota|mailbox)|disk quota"
                    + "|insufficient (disk |system )?(space|storage)|not enough (disk )?(space|storage)"
                    + "|mailbox size limit|storage (allocation|limit|quota)|(user|recipient|account) is over"
                    + "|mail ?folder is full|too much mail|no space left|full mailbox|postfach (ist )?voll"
                    + "|boîte (aux lettres )?pleine|ящик переполнен|out of (disk )?space|enough (disk |storage )?space"
                    + "|space (has been )?used up|exceed(s|ed|ing)? (its |their |the )?(mailbox |disk |mail )?(quota"
                    + "|space|storage)|over (the )?(allowed )?quota|quota usage|would exceed|too many messages on the"
                    + " server|disk space limit|mail file size exceeds|boite du destinataire pleine|reached disk quota"),
            rule(BounceClass.POLICY, "(after|in reply to) mail from|sender (address |domain )?(was )?(rejected"
                    + "|refused|denied|invalid|unknown|blocked|not allowed)|domain of sender|sender domain"
                    + "|sender address (does not exist|is invalid|rejected)|sender verify|verification failed"
                    + "|from: domain is invalid|unverif(y|i)able|valid from|multiple addresses in from"),
            rule(BounceClass.INVALID_RECIPIENT, "does not accept mail|indicated no smtp service|null mx"
                    + "|domain (is )?not reachable|unrouteable mail domain"
                    + "|no mail service|not accept(ing)? (any )?e?-?mail"),
            rule(BounceClass.TRANSIENT, "too many (concurrent |simultaneous )?(smtp )?(connections|sessions)"
                    + "|frequency limit|maximum number of connections"),
            rule(BounceClass.POLICY, "suspend|disabled|deactivated|inactive|locked|frozen|reputation"
                    + "|email preferences|spam|virus|malware|dmarc|\\bspf\\b|dkim|authentication (required|failed)"
                    + "|not authenticated|unauthenticated|reverse dns|\\bptr\\b|rdns|protocol violation"
                    + "|relay(ing)? (access )?(denied|not permitted|not allowed|prohibited)|not permitted to relay"
                    + "|unable to relay|dnsbl|\\brbl\\b|spamhaus|message (size|length) exceed|too (large|big)"
                    + "|size exceeds|exceeds (the )?(maximum|size)|content (rejected|filter)|not implemented"
                    + "|ip (address )?blocked|blocked ip|policy (violation|reasons|rejection)|permission to post"
                    + "|not (allowed|authorized) to post|google groups|only members|members only|moderat"),
            rule(BounceClass.TRANSIENT, "too many (concurrent )?(connections|sessions|recipients|messages|mails)"
                    + "|frequency limit|rate limit|at a rate|sending rate|throttl|too fast|connection (limit"
                    + "|refused|reset|timed out|dropped|lost)|socket error|not reachable|not responding|unreachable"
                    + "|no route to host|did not accept our requests to connect|could not connect|unable to connect"
                    + "|failed to connect|multiple retries|retry time(out)? (was )?(exceeded|expired)|delivery time "
                    + "expired|not delivered within|too long in (the )?queue|in the queue too long|been in the queue"
                    + "|expired|timed? ?out|host name lookup failure"
                    + "|mail loop|loops back|routing loop|too many hops|couldn't create|can't create|command (died"
                    + "|failed)|local delivery failed|system error|mailer error|internal (server )?error|i/o error"
                    + "|ldap|resources|congestion|greylist|pipe to \\||command output|procmail|maildrop")
    );

    /** Common wording that decides only when the status code does not. */
    private static final List<Rule> WEAK = List.of(
            rule(BounceClass.INVALID_RECIPIENT, "user ?unknown|unknown (user|recipient|local[- ]part|address"
                    + "|mailbox|alias)|no such (user|mailbox|recipient|account|address|person|local user|domain)"
                    + "|(user|recipient|mailbox|account|address|addressee)( name)?( \\S+){0,2} (does not|doesn't|"
                    + "did not|may not) exist|(user|recipient|mailbox|account|address|addressee)( name)? (not found"
                    + "|unknown|invalid|is unknown|is invalid|is not valid|is not recognized|not (listed|known"
                    + "|valid|recognized))|invalid (recipient|mailbox|user|address|e-?mail address|final delivery)"
                    + "|(mailbox|account) (is )?(unavailable|not available)|no valid recipients"
                    + "|not a (valid|known|registered) (user|mailbox|recipient|gateway user)|not a registered"
                    + "|unrouteable address|unroutable address|(host|domain) (unknown|not found|name not found"
                    + "|does not exist|lookup failed)|unknown (host|domain)|host or domain name not found"
                    + "|name or service not known|no mx record|nxdomain|has moved|moved (away|to)|address (has )?"
                    + "changed|no longer (valid|active|available|in use|with)|bad destination|mailbox not found"
                    + "|does not have an? (\\S+ )?(email )?(account|mailbox)|doesn't have an? (\\S+ )?(account"
                    + "|mailbox)|unknown in (local|virtual)|not our customer|no mailbox here|address lookup failed"
                    + "|user not exist|no existe|n'existe pas|unbekannt|is not a valid mailbox|undeliverable address"
                    + "|recipient (address )?(is )?not (found|valid|recognized)|not listed in|address unknown"
                    + "|mailbox unknown|illegal host|host/domain name|bad (address|recipient)|archived recipient"
                    + "|can'?t accept user|destination addresses were unknown|rejected recipients|is not a known user"
                    + "|mailbox not present|no account by that name|no mail ?box (available|by that name|found)"
                    + "|account unavailable|not a valid (recipient|user)|not a local address|recipient is not "
                    + "(accepted|local)|recipient not (exist|found|ok)|recipient refuses|mailbox unavailable"
                    + "|badrcptto|envelope recipient has been denied|allowed rcpthosts|tried to reach does not exist"
                    + "|email name is not found|no one at this address|no longer accepts mail|no longer valid"
                    + "|validrcptto|unknown e-?mail address|user not known|utilisateur inconnu|unknown virtual user"
                    + "|adresse nicht gefunden|replaced by|unknown domain|domain must exist|[\\w-]+\\.[\\w.-]+ does not exist|address rejected\\.?$|rejected"
                    + " address"),
            rule(BounceClass.TRANSIENT, "temporar(il)?y|try again later|deferred|could not be delivered (for"
                    + "|within) \\d|delay(ed)? for|server error|service (is )?(currently |temporarily )?(not available|unavailable)"
                    + "|unable to deliver (in|after)|lost connection|error in processing|host not found"
                    + "|name service error|dns (error|failure|lookup)|name server|has been delayed|delayed"
                    + "|queue period|did not respond|retry time not reached|configuration error|local problem"),
            rule(BounceClass.POLICY, "block|blacklist|black list|deny list|denylist|junk|reject|refus|denied"
                    + "|not (allowed|permitted|authorized|accepted)|prohibit|policy|authenticat|relay|filter"
                    + "|content|banned|forbidden|rfc ?5322|rfc ?2822|rfc ?822|not compliant|header|tls|encrypt"
                    + "|security|syntax|restricted|unsolicited|abuse|listed|improper|bad sender|parameter")
    );

    private BounceReasons() {
    }

    private static Rule rule(BounceClass bounceClass, String regex) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), bounceClass);
    }

    /** The class for this status code and diagnostic text; both may be null. */
    static BounceClass classify(String status, String text) {
        BounceClass decided = decide(status, text);
        return decided != null ? decided : classifyStatus(status);
    }

    /**
     * The class from strong wording, else a specific status code, else common wording; null when
     * neither the text nor a specific status code says anything.
     */
    static BounceClass decide(String status, String text) {
        String sample = text == null ? "" : text.length() > 4000 ? text.substring(0, 4000) : text;
        BounceClass strong = match(STRONG, sample);
        if (strong != null) {
            return strong;
        }
        BounceClass specific = specificStatus(status);
        if (specific != null) {
            return specific;
        }
        return match(WEAK, sample);
    }

    /** True when the text has wording that wins over any status code. */
    static boolean strongWording(String text) {
        return text != null && match(STRONG, text.length() > 4000 ? text.substring(0, 4000) : text) != null;
    }

    static boolean mentionsReason(String text) {
        return text != null && (match(STRONG, text) != null || match(WEAK, text) != null);
    }

    private static BounceClass match(List<Rule> rules, String text) {
        if (text.isBlank()) {
            return null;
        }
        for (Rule rule : rules) {
            if (rule.pattern().matcher(text).find()) {
                return rule.bounceClass();
            }
        }
        return null;
    }

    /** Status codes whose meaning is specific enough to trust over common wording. */
    static BounceClass specificStatus(String status) {
        if (status == null || status.length() < 5) {
            return null;
        }
        String detail = status.substring(2);
        return switch (detail) {
            case "1.1", "1.2", "1.3", "1.6", "1.10", "2.1" -> BounceClass.INVALID_RECIPIENT;
            case "1.7", "1.8", "3.4" -> BounceClass.POLICY;
            case "2.2", "2.3", "3.1" -> BounceClass.MAILBOX_FULL;
            case "4.7", "4.1", "4.2", "4.5", "4.6", "3.5", "3.2" -> BounceClass.TRANSIENT;
            default -> detail.startsWith("7.") || detail.startsWith("6.") ? BounceClass.POLICY : null;
        };
    }

    static BounceClass classifyStatus(String status) {
        if (status == null || status.length() < 5) {
            return BounceClass.OTHER;
        }
        String detail = status.substring(2);
        if (detail.startsWith("1.")) {
            return switch (detail) {
                case "1.3", "1.7", "1.8" -> BounceClass.POLICY;
                default -> BounceClass.INVALID_RECIPIENT;
            };
        }
        if (detail.startsWith("2.")) {
            return switch (detail) {
                case "2.2" -> BounceClass.MAILBOX_FULL;
                case "2.1" -> BounceClass.INVALID_RECIPIENT;
                case "2.3" -> BounceClass.POLICY;
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

    /**
     * The class a basic SMTP reply code implies on its own (RFC 5321): 552 storage exceeded, 551/553
     * mailbox moved or not allowed, 4xx temporary; null when the code says nothing specific.
     */
    static BounceClass classifyReply(String reply) {
        if (reply == null) {
            return null;
        }
        return switch (reply) {
            case "552" -> BounceClass.MAILBOX_FULL;
            case "551", "553" -> BounceClass.INVALID_RECIPIENT;
            default -> reply.startsWith("4") ? BounceClass.TRANSIENT : null;
        };
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
