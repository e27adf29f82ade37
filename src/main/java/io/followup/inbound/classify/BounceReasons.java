package io.followup.inbound.classify;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the diagnostic text and status code of one failed recipient to a fine {@link BounceReason}
 * and so to a {@link BounceClass}. Specific wording in the text wins; the enhanced status code
 * (RFC 3463) decides otherwise; common wording decides when the code says nothing specific. Every
 * decision carries the rule that made it ({@link Decision#why()}).
 */
final class BounceReasons {

    /** A fine reason with the rule that decided it. */
    record Decision(BounceReason reason, String why) {

        BounceClass bounceClass() {
            return reason.bounceClass();
        }
    }

    private record Rule(BounceReason reason, Pattern pattern) {
    }

    /** Rules of one class tried together: the earliest match in the text names the fine reason. */
    private record Group(List<Rule> rules) {
    }

    /*
     * Japanese wording (Notes/Domino, Japanese carriers and ISPs): "the user / address / recipient is
     * not found / does not exist / is not in the directory", "the mailbox is full / over capacity",
     * "the size is too large", "the delivery period passed", "hop count exceeded (routing loop)".
     */
    private static final String SPACE = "[\\s\u3000]*";
    /** Up to one word between the noun and its particle ("ユーザー ann (ann@example.jp) は"). */
    private static final String GAP = SPACE + "([^\\s\u3000]{0,60}[\\s\u3000]+)?";
    private static final String JA_SUBJECT = "(ユーザー?|利用者|受信者|宛先|あて先|受取人|アカウント|(電子)?メール ?アドレス|アドレス|メールボックス)";
    private static final String JA_USER_UNKNOWN = JA_SUBJECT + "(名)?" + GAP + "(が|は|を)?" + SPACE
            + "(見つかりません|存在しません|存在していません|存在しない|ありません|不明|無効|登録されていません"
            + "|確認できません)|ディレクトリ(のリスト)?に(は)?(見つかりません|ありません|リストされていません|登録されていません)"
            + "|宛先不明|あて先不明|不明な(ユーザー?|宛先|あて先|受信者|アドレス)|存在しない(ユーザー?|宛先|あて先|アドレス|アカウント)"
            + "|該当する(ユーザー?|宛先|アドレス)(は|が)(いません|ありません|存在しません)";
    private static final String JA_HOST_UNKNOWN = "(ドメイン|ホスト)(名)?" + GAP + "(が|は)?" + SPACE + "(見つかりません"
            + "|存在しません|不明|解決できません)|不明な(ドメイン|ホスト)";
    private static final String JA_MAILBOX_FULL = "(メールボックス|メール ?ボックス|受信箱|メールフォルダ|ディスク)(の)?(容量)?(が|は)?"
            + "(いっぱい|一杯|満杯|容量(を)?(超|オーバー)|上限)|容量(を|が)?(超過|超え|オーバー)|容量(が|の)?不足"
            + "|空き容量が(ありません|不足|足りません)|クォータ(を|が)?(超|オーバー)";
    private static final String JA_TOO_BIG = "(メッセージ|メール)(の)?サイズ(が|は)?(大きすぎ|制限|上限|を超え|超過)"
            + "|サイズ(が)?大きすぎ|サイズ制限を超";
    private static final String JA_EXPIRED = "配送期限|配信期限|有効期限(が切れ|を過ぎ)|時間切れ|再送(の)?(期限|回数)"
            + "|再試行(の)?(期限|回数)";
    private static final String JA_SYSTEM_ERROR = "ホップ数|ルーティング ?ループ|メールループ|複数(の)?(一致|該当)";
    private static final String JA_SUSPEND = "(アカウント|ユーザー?|メールボックス|アドレス)(は|が)?(\\S{0,10})?(停止|無効化|凍結|休止)";

    /*
     * Chinese (simplified and traditional) and Korean: "user / recipient / mailbox / address does not
     * exist, not found, invalid", "mailbox full / space insufficient / quota exceeded".
     */
    private static final String ZH_KO_USER_UNKNOWN = "(用户|用戶|收件人|收件者|邮箱|郵箱|信箱|地址|帐号|帳號|账号|账户|帳戶)(名)?"
            + "(不存在|未找到|找不到|无效|無效)|无此用户|無此用戶|查无此人|查無此人"
            + "|(사용자|수신자|받는 사람|계정|메일 ?주소|주소)(를|을|가|이)? ?(찾을 수 없|존재하지 않|없습니다)";
    private static final String ZH_KO_MAILBOX_FULL = "(邮箱|郵箱|信箱|邮件箱|空间|空間)(容量)?(已满|已滿|满了|滿了|不足|超出|超過|超过)"
            + "|(容量|配额|配額)(已满|已滿|不足|超出|超過|超过)|超出(邮箱|郵箱|信箱)?(容量|配额|配額)"
            + "|(메일함|편지함|사서함)(이|의)? ?(가득|용량)|용량(이)? ?(초과|부족)";

    /** Wording so specific that it wins over the status code. */
    private static final List<Group> STRONG = List.of(
            group(rule(BounceReason.MAILBOX_FULL, "mail ?box (is |was )?(full|over|exceed)|over ?quota|quota (exceeded|"
                    + "full|violation)|exceed(s|ed)? (the |his |her |its )?(storage|quota|mailbox)|disk quota"
                    + "|insufficient (disk |system )?(space|storage)|not enough (disk )?(space|storage)"
                    + "|mailbox size limit|storage (allocation|limit|quota)|(user|recipient|account) is over"
                    + "|mail ?folder is full|too much mail|no space left|full mailbox|postfach (ist )?voll"
                    + "|boîte (aux lettres )?pleine|ящик переполнен|out of (disk )?space|enough (disk |storage )?space"
                    + "|space (has been )?used up|exceed(s|ed|ing)? (its |their |the )?(mailbox |disk |mail )?(quota"
                    + "|space|storage)|over (the )?(allowed )?quota|quota usage|would exceed|too many messages on the"
                    + " server|disk space limit|mail file size exceeds|boite du destinataire pleine|reached disk quota"),
                    rule(BounceReason.MAILBOX_FULL, JA_MAILBOX_FULL + "|" + ZH_KO_MAILBOX_FULL)),
            group(rule(BounceReason.SYSTEM_ERROR, "transaction failed|queue file write error|write error"
                    + "|does not support (tls|starttls)|(tls|ssl|starttls) (negotiation|handshake) (failed|error)"
                    + "|local configuration error|mail system configuration error|system config error"
                    + "|interrupted system call|local error in processing|insufficient system resources"
                    + "|(several|multiple) matches found"),
                    rule(BounceReason.EXPIRED, "failing for a long time|failed \\d+ (delivery )?attempts"
                            + "|aborted after \\d+(\\.\\d+)? ?(hour|day|minute)|retry timeout exceeded"
                            + "|could not be delivered for \\d+ (hour|day)|has been retried"
                            + "|message (has been |was )?in the queue for|undeliverable for \\d|too old"
                            + "|delivery time expired|queue time expired|maximum queue time"),
                    rule(BounceReason.SYSTEM_ERROR, JA_SYSTEM_ERROR),
                    rule(BounceReason.EXPIRED, JA_EXPIRED + "|超时|超時|逾时|逾時")),
            group(rule(BounceReason.BLOCKED, "client host (\\[?\\S+ )?rejected|refused to talk to me|(?<!may be )(?<!might be )(black|block)-?listed"
                            + "|listed (at|on|in|by) (the )?\\S*(bl|rbl|dnsbl|spamhaus|spamcop|barracuda)\\b"
                            + "|invalid ip|mismatches client ip|insecure (relay|mail|connection)|open relay"
                            + "|poor reputation|not have a valid reverse"),
                    rule(BounceReason.REQUIRE_PTR, "no ptr( record)?|ptr record|reverse (dns|lookup|address)"
                            + "|cannot find your hostname|unresolvable (address|hostname)|hostname (does not|doesn't)"
                            + " match"),
                    rule(BounceReason.MESG_TOO_BIG, "line (is )?too long|line length (exceed|limit)|lines? longer than"
                            + "|message (is )?too (large|big)|size limit|exceeds (the )?(message )?size"
                            + "|message size exceed"),
                    rule(BounceReason.MESG_TOO_BIG, JA_TOO_BIG + "|(邮件|郵件)(大小|尺寸)?(过大|過大|太大|超过限制|超過限制)"
                            + "|메일 ?크기")),
            group(rule(BounceReason.REJECTED, "(after|in reply to) mail from|sender (address |domain )?(was )?(rejected"
                    + "|refused|denied|invalid|unknown|blocked|not allowed)|domain of sender|sender domain"
                    + "|sender address (does not exist|is invalid|rejected)|sender verify|verification failed"
                    + "|from: domain is invalid|unverif(y|i)able|valid from|multiple addresses in from")),
            group(rule(BounceReason.USER_UNKNOWN, "recipient address rejected: access denied"
                    + "|recipient not found by \\S+ lookup|resolver\\.adr\\.recipnotfound|recipientnotfound")),
            group(rule(BounceReason.NOT_ACCEPT, "does not accept mail|indicated no smtp service|null mx"
                    + "|domain (is )?not reachable|unrouteable mail domain"
                    + "|no mail service|not accept(ing)? (any )?e?-?mail")),
            group(rule(BounceReason.TOO_MANY_CONN, "too many (concurrent |simultaneous )?(smtp )?(connections|sessions)"
                    + "|frequency limit|maximum number of connections")),
            group(rule(BounceReason.SUSPEND, "suspend|disabled|deactivated|inactive|locked|frozen"),
                    rule(BounceReason.BAD_REPUTATION, "reputation"),
                    rule(BounceReason.FILTERED, "email preferences"),
                    rule(BounceReason.SPAM_DETECTED, "spam"),
                    rule(BounceReason.VIRUS_DETECTED, "virus|malware"),
                    rule(BounceReason.AUTH_FAILURE, "dmarc|\\bspf\\b|dkim|authentication (required|failed)"
                            + "|not authenticated|unauthenticated"),
                    rule(BounceReason.REQUIRE_PTR, "reverse dns|\\bptr\\b|rdns"),
                    rule(BounceReason.SYNTAX_ERROR, "protocol violation|not implemented"),
                    rule(BounceReason.NO_RELAYING, "relay(ing)? (access )?(denied|not permitted|not allowed|prohibited)"
                            + "|not permitted to relay|unable to relay"),
                    rule(BounceReason.BLOCKED, "dnsbl|\\brbl\\b|spamhaus|ip (address )?blocked|blocked ip"),
                    rule(BounceReason.MESG_TOO_BIG, "message (size|length) exceed|too (large|big)|size exceeds"
                            + "|exceeds (the )?(maximum|size)"),
                    rule(BounceReason.CONTENT_ERROR, "content (rejected|filter)"),
                    rule(BounceReason.POLICY_VIOLATION, "policy (violation|reasons|rejection)"),
                    rule(BounceReason.REJECTED, "permission to post|not (allowed|authorized) to post|google groups"
                            + "|only members|members only|moderat"),
                    rule(BounceReason.SUSPEND, JA_SUSPEND + "|(帐号|帳號|账号|账户|帳戶|邮箱|郵箱)(已)?(被)?(冻结|凍結|停用|禁用|锁定|鎖定)"
                            + "|(계정|메일함)(이|은)? ?(정지|비활성|잠김|휴면)"),
                    rule(BounceReason.SPAM_DETECTED, "迷惑メール|スパム|垃圾邮件|垃圾郵件|스팸"),
                    rule(BounceReason.VIRUS_DETECTED, "ウィルス|ウイルス|病毒|바이러스"),
                    rule(BounceReason.NO_RELAYING, "中継(が|を|は)?(拒否|禁止|許可されていません|できません)")),
            group(rule(BounceReason.TOO_MANY_CONN, "too many (concurrent )?(connections|sessions)"),
                    rule(BounceReason.SPEEDING, "too many (recipients|messages|mails)|frequency limit|rate limit"
                            + "|at a rate|sending rate|throttl|too fast"),
                    rule(BounceReason.NETWORK_ERROR, "connection (limit|refused|reset|timed out|dropped|lost)"
                            + "|socket error|not reachable|not responding|unreachable|no route to host"
                            + "|did not accept our requests to connect|could not connect|unable to connect"
                            + "|failed to connect|host name lookup failure"),
                    rule(BounceReason.EXPIRED, "multiple retries|retry time(out)? (was )?(exceeded|expired)"
                            + "|delivery time expired|not delivered within|too long in (the )?queue"
                            + "|in the queue too long|been in the queue|expired|timed? ?out"),
                    rule(BounceReason.SYSTEM_ERROR, "mail loop|loops back|routing loop|too many hops|couldn't create"
                            + "|can't create|local delivery failed|system error|internal (server )?error"
                            + "|i/o error|ldap|resources|congestion|greylist"),
                    rule(BounceReason.MAILER_ERROR, "command (died|failed)|mailer error|pipe to \\||command output"
                            + "|procmail|maildrop"))
    );

    /** Common wording that decides only when the status code does not. */
    private static final List<Group> WEAK = List.of(
            group(rule(BounceReason.USER_UNKNOWN, "user ?unknown|unknown (user|recipient|local[- ]part|address"
                    + "|mailbox|alias)|no such (user|mailbox|recipient|account|address|person|local user)"
                    + "|(user|recipient|mailbox|account|address|addressee)( name)?( \\S+){0,2} (does not|doesn't|"
                    + "did not|may not) exist|(user|recipient|mailbox|account|address|addressee)( name)? (not found"
                    + "|unknown|invalid|is unknown|is invalid|is not valid|is not recognized|not (listed|known"
                    + "|valid|recognized))|invalid (recipient|mailbox|user|address|e-?mail address|final delivery)"
                    + "|(mailbox|account) (is )?(unavailable|not available)|no valid recipients"
                    + "|not a (valid|known|registered) (user|mailbox|recipient|gateway user)|not a registered"
                    + "|unrouteable address|unroutable address"
                    + "|no longer (valid|active|available|in use|with)|bad destination|mailbox not found"
                    + "|does not have an? (\\S+ )?(email )?(account|mailbox)|doesn't have an? (\\S+ )?(account"
                    + "|mailbox)|unknown in (local|virtual)|not our customer|no mailbox here|address lookup failed"
                    + "|user not exist|no existe|n'existe pas|unbekannt|is not a valid mailbox|undeliverable address"
                    + "|recipient (address )?(is )?not (found|valid|recognized)|not listed in|address unknown"
                    + "|mailbox unknown|bad (address|recipient)|archived recipient"
                    + "|can'?t accept user|destination addresses were unknown|rejected recipients|is not a known user"
                    + "|mailbox not present|no account by that name|no mail ?box (available|by that name|found)"
                    + "|account unavailable|not a valid (recipient|user)|not a local address|recipient is not "
                    + "(accepted|local)|recipient not (exist|found|ok)|recipient refuses|mailbox unavailable"
                    + "|badrcptto|envelope recipient has been denied|allowed rcpthosts|tried to reach does not exist"
                    + "|email name is not found|no one at this address|no longer accepts mail|no longer valid"
                    + "|validrcptto|unknown e-?mail address|user not known|utilisateur inconnu|unknown virtual user"
                    + "|adresse nicht gefunden|address rejected\\.?$|rejected address"),
                    rule(BounceReason.USER_UNKNOWN, JA_USER_UNKNOWN + "|" + ZH_KO_USER_UNKNOWN),
                    rule(BounceReason.HOST_UNKNOWN, JA_HOST_UNKNOWN + "|(域名|網域|主机|主機)(不存在|无法解析|無法解析|未找到|找不到)"
                            + "|도메인(을|이)? ?(찾을 수 없|존재하지 않)"),
                    rule(BounceReason.HOST_UNKNOWN, "no such domain|(host|domain) (unknown|not found|name not found"
                            + "|does not exist|lookup failed)|unknown (host|domain)|host or domain name not found"
                            + "|name or service not known|no mx record|nxdomain|illegal host|host/domain name"
                            + "|domain must exist|[\\w-]+\\.[\\w.-]+ does not exist"),
                    rule(BounceReason.HAS_MOVED, "has moved|moved (away|to)|address (has )?changed|replaced by")),
            group(rule(BounceReason.EXPIRED, "could not be delivered (for|within) \\d|delay(ed)? for|unable to deliver "
                            + "(in|after)|has been delayed|delayed|queue period"),
                    rule(BounceReason.NETWORK_ERROR, "lost connection|host not found|name service error"
                            + "|dns (error|failure|lookup)|name server|did not respond"),
                    rule(BounceReason.SYSTEM_ERROR, "temporar(il)?y|try again later|deferred|server error"
                            + "|service (is )?(currently |temporarily )?(not available|unavailable)"
                            + "|error in processing|retry time not reached|configuration error|local problem"),
                    rule(BounceReason.NETWORK_ERROR, "接続(でき|に失敗|が切断|がタイムアウト)"),
                    rule(BounceReason.SYSTEM_ERROR, "一時的|しばらく(して|たって)から|後ほど|あとで再|暂时|暫時|稍后|稍後|일시적")),
            group(rule(BounceReason.BLOCKED, "block|blacklist|black list|deny list|denylist|banned|listed"
                            + "|ブラックリスト|ブロック"),
                    rule(BounceReason.REJECTED, "拒否|受け付けられません|受け付けていません|拒绝|拒絕|거부"),
                    rule(BounceReason.SPAM_DETECTED, "junk|unsolicited|abuse"),
                    rule(BounceReason.REJECTED, "reject|refus|denied|not (allowed|permitted|authorized|accepted)"
                            + "|prohibit|forbidden|restricted|bad sender"),
                    rule(BounceReason.POLICY_VIOLATION, "policy"),
                    rule(BounceReason.AUTH_FAILURE, "authenticat"),
                    rule(BounceReason.NO_RELAYING, "relay"),
                    rule(BounceReason.FILTERED, "filter"),
                    rule(BounceReason.CONTENT_ERROR, "content"),
                    rule(BounceReason.NOT_COMPLIANT_RFC, "rfc ?5322|rfc ?2822|rfc ?822|not compliant|header|improper"),
                    rule(BounceReason.SECURITY_ERROR, "\\b(tls|starttls|ssl)\\b|encrypt|insecure|security (error|polic\\w*"
                            + "|reasons?|violation|restriction|check)"),
                    rule(BounceReason.SYNTAX_ERROR, "syntax|parameter"))
    );

    private BounceReasons() {
    }

    private static Rule rule(BounceReason reason, String regex) {
        return new Rule(reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    private static Group group(Rule... rules) {
        return new Group(List.of(rules));
    }

    /** The decision for this status code and diagnostic text; both may be null. Never null. */
    static Decision classify(String status, String text) {
        Decision decided = decide(status, text);
        return decided != null ? decided : fromStatus(status);
    }

    /**
     * The decision from strong wording, else a specific status code, else common wording; null when
     * neither the text nor a specific status code says anything.
     */
    static Decision decide(String status, String text) {
        Decision relayed = relayedReply(text);
        if (relayed != null) {
            return relayed;
        }
        String sample = sample(text);
        Decision strong = match(STRONG, sample);
        if (strong != null) {
            return strong;
        }
        Decision specific = specificStatus(status);
        Decision weak = match(WEAK, sample);
        if (specific != null && weak != null && weak.reason() == BounceReason.USER_UNKNOWN
                && status.substring(2).startsWith("4.")) {
            return new Decision(BounceReason.USER_UNKNOWN, weak.why() + " is clearer than status " + status
                    + " (routing codes are also used for unknown recipients)");
        }
        return specific != null ? specific : weak;
    }

    /**
     * A report that paraphrases first ("it was rejected by the recipient domain") and then quotes the
     * remote server ("The error that the other server returned was: 500 ..."): the server's own reply
     * decides, the paraphrase is the reporter's stock framing. Null when there is no such quote or the
     * quote names no reason.
     */
    private static Decision relayedReply(String text) {
        if (text == null) {
            return null;
        }
        Matcher marker = RELAYED_REPLY.matcher(text);
        if (!marker.find()) {
            return null;
        }
        String quoted = text.substring(marker.end());
        String sample = sample(quoted);
        Decision decided = match(STRONG, sample);
        if (decided == null) {
            decided = specificStatus(StatusCodes.find(quoted));
        }
        if (decided == null) {
            decided = match(WEAK, sample);
        }
        return decided == null ? null : new Decision(decided.reason(), decided.why()
                + " in the reply the report quotes (\"" + marker.group().strip() + "\"), not its own framing");
    }

    private static final Pattern RELAYED_REPLY = Pattern.compile(
            "the error that the other server returned was:|the (remote|other|recipient's) (mail )?server"
                    + " (returned|responded|replied)( with)?( this| the following)?( error)?:",
            Pattern.CASE_INSENSITIVE);

    /** The decision of the wording alone, strong rules first; null when the text names no reason. */
    static Decision wording(String text) {
        String sample = sample(text);
        Decision strong = match(STRONG, sample);
        return strong != null ? strong : match(WEAK, sample);
    }

    /** True when the text has wording that wins over any status code. */
    static boolean strongWording(String text) {
        return text != null && match(STRONG, sample(text)) != null;
    }

    static boolean mentionsReason(String text) {
        String sample = text == null ? "" : withoutSessionNoise(text);
        return match(STRONG, sample) != null || match(WEAK, sample) != null;
    }

    private static String sample(String text) {
        return text == null ? "" : withoutSessionNoise(text.length() > 4000 ? text.substring(0, 4000) : text);
    }

    /**
     * The text without the parts of an SMTP transcript that are not a refusal: commands the client sent
     * and the server's positive replies (2xx, 3xx), whose words (STARTTLS, AUTH, ORCPT=rfc822) are
     * not reasons.
     */
    static String withoutSessionNoise(String text) {
        return SESSION_NOISE.matcher(text).replaceAll("");
    }

    private static final Pattern SESSION_NOISE = Pattern.compile(
            "(?im)^[ \\t]*(?:out:|<<<|in:|>>>)?[ \\t]*(?:[23]\\d\\d[ -][^\\n]*|(?:ehlo|helo|xforward|mail from|rcpt to"
                    + "|data|quit|rset|starttls|auth|bdat)\\b[^\\n]*)$|orcpt=rfc822;?");

    private static Decision match(List<Group> groups, String text) {
        if (text.isBlank()) {
            return null;
        }
        for (Group group : groups) {
            Rule earliest = null;
            String matched = null;
            int start = Integer.MAX_VALUE;
            for (Rule rule : group.rules()) {
                Matcher matcher = rule.pattern().matcher(text);
                if (matcher.find() && matcher.start() < start) {
                    start = matcher.start();
                    earliest = rule;
                    matched = matcher.group();
                }
            }
            if (earliest != null) {
                return new Decision(earliest.reason(), "wording \"" + matched.strip() + "\"");
            }
        }
        return null;
    }

    /** Status codes whose meaning is specific enough to trust over common wording (RFC 3463). */
    static Decision specificStatus(String status) {
        if (status == null || status.length() < 5) {
            return null;
        }
        String detail = status.substring(2);
        BounceReason reason = switch (detail) {
            case "1.1", "1.3", "2.1" -> BounceReason.USER_UNKNOWN;
            case "1.2" -> BounceReason.HOST_UNKNOWN;
            case "1.6" -> BounceReason.HAS_MOVED;
            case "1.10" -> BounceReason.NOT_ACCEPT;
            case "1.7", "1.8" -> BounceReason.REJECTED;
            case "3.4" -> BounceReason.MESG_TOO_BIG;
            case "2.2" -> BounceReason.MAILBOX_FULL;
            case "2.3" -> BounceReason.EXCEED_LIMIT;
            case "3.1" -> BounceReason.SYSTEM_FULL;
            case "4.7" -> BounceReason.EXPIRED;
            case "4.1", "4.2" -> BounceReason.NETWORK_ERROR;
            case "4.5" -> BounceReason.TOO_MANY_CONN;
            case "4.6", "3.5", "3.2" -> BounceReason.SYSTEM_ERROR;
            default -> detail.startsWith("7.") ? BounceReason.SECURITY_ERROR
                    : detail.startsWith("6.") ? BounceReason.CONTENT_ERROR : null;
        };
        return reason == null ? null : new Decision(reason, "status " + status);
    }

    /** The decision a status code gives on its own, specific or not; undefined without a code. */
    static Decision fromStatus(String status) {
        if (status == null || status.length() < 5) {
            return new Decision(BounceReason.UNDEFINED, "no status code or reason wording");
        }
        String detail = status.substring(2);
        boolean temporary = status.startsWith("4");
        BounceReason reason;
        if (detail.startsWith("1.")) {
            reason = switch (detail) {
                case "1.3", "1.7", "1.8" -> BounceReason.REJECTED;
                default -> BounceReason.USER_UNKNOWN;
            };
        } else if (detail.startsWith("2.")) {
            reason = switch (detail) {
                case "2.2" -> BounceReason.MAILBOX_FULL;
                case "2.1" -> BounceReason.USER_UNKNOWN;
                case "2.3" -> BounceReason.MESG_TOO_BIG;
                default -> temporary ? BounceReason.SYSTEM_ERROR : BounceReason.UNDEFINED;
            };
        } else if (detail.startsWith("3.")) {
            reason = switch (detail) {
                case "3.1" -> BounceReason.SYSTEM_FULL;
                case "3.4" -> BounceReason.MESG_TOO_BIG;
                default -> BounceReason.SYSTEM_ERROR;
            };
        } else if (detail.startsWith("4.")) {
            reason = detail.equals("4.4") && !temporary ? BounceReason.HOST_UNKNOWN
                    : detail.equals("4.7") ? BounceReason.EXPIRED : BounceReason.NETWORK_ERROR;
        } else if (detail.startsWith("5.")) {
            reason = temporary ? BounceReason.SYSTEM_ERROR : BounceReason.UNDEFINED;
        } else if (detail.startsWith("6.")) {
            reason = BounceReason.CONTENT_ERROR;
        } else if (detail.startsWith("7.")) {
            reason = BounceReason.SECURITY_ERROR;
        } else {
            reason = temporary ? BounceReason.SYSTEM_ERROR : BounceReason.UNDEFINED;
        }
        return new Decision(reason, "status " + status);
    }

    /**
     * The decision a basic SMTP reply code implies on its own (RFC 5321): 552 storage exceeded,
     * 551/553 mailbox moved or not allowed, 4xx temporary; null when the code says nothing specific.
     */
    static Decision classifyReply(String reply) {
        if (reply == null) {
            return null;
        }
        BounceReason reason = switch (reply) {
            case "552" -> BounceReason.MAILBOX_FULL;
            case "551" -> BounceReason.HAS_MOVED;
            case "553" -> BounceReason.USER_UNKNOWN;
            default -> reply.startsWith("4") ? BounceReason.SYSTEM_ERROR : null;
        };
        return reason == null ? null : new Decision(reason, "SMTP reply " + reply);
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
