package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Japanese delivery reports (Lotus Notes / Domino and Japanese providers): bodies in ISO-2022-JP or
 * Shift_JIS, also labelled wrongly or not at all, and the Japanese wording of the reasons; Chinese
 * and Korean reports by their wording.
 */
class EastAsianBounceTest {

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");

    private final MessageClassifier classifier = new MessageClassifier();

    /** A Domino report ("Your message ... was not delivered to: ... because:") in Japanese. */
    private static String dominoBody(String address, String reason) {
        return """
                あなたのメッセージ

                  件名: お見積りの件

                は次の宛先に配信されませんでした:

                  %s

                理由:

                  %s
                """.formatted(address, reason);
    }

    /** A Notes report ("------- Failure Reasons --------" then the reason and the address). */
    private static String notesBody(String address, String reason) {
        return """
                ------- Failure Reasons  --------

                %s
                %s


                ------- Returned Message --------
                Received: from mail.example.com ([192.0.2.10]) by notes.example.jp
                From: me@example.com
                To: %s
                Subject: お見積りの件

                よろしくお願いします。
                """.formatted(reason, address, address);
    }

    private static byte[] message(String headers, String body, Charset bodyCharset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(headers.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.replace("\n", "\r\n").getBytes(bodyCharset));
        return out.toByteArray();
    }

    /** A Notes report whose body is written in Shift_JIS, under this Content-Type. */
    private static byte[] notesReport(String contentType, String body) {
        return message("""
                From: POSTMASTER@notes.example.jp
                To: me@example.com
                Subject: Undeliverable message
                MIME-Version: 1.0
                Content-Type: %s
                """.formatted(contentType), body, SHIFT_JIS);
    }

    private static String encodedWord(String text) {
        return "=?ISO-2022-JP?B?" + Base64.getEncoder().encodeToString(text.getBytes(ISO_2022_JP)) + "?=";
    }

    private FailedRecipient onlyRecipient(byte[] raw) {
        InboundAnalysis analysis = classifier.classify(raw);
        assertThat(analysis.kind()).isEqualTo(MessageKind.BOUNCE);
        assertThat(analysis.failedRecipients()).hasSize(1);
        return analysis.failedRecipients().get(0);
    }

    @Test
    void aDominoReportInIso2022JpSaysTheUserIsNotInTheDirectory() {
        byte[] raw = message("""
                From: Postmaster@example.jp
                To: me@example.com
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-2022-JP
                Content-Transfer-Encoding: 7bit
                """.formatted(encodedWord("配信不能: お見積りの件")),
                dominoBody("ann@example.jp", "ユーザー ann (ann@example.jp) は Domino ディレクトリには見つかりません"),
                ISO_2022_JP);

        FailedRecipient recipient = onlyRecipient(raw);

        assertThat(recipient.address()).isEqualTo("ann@example.jp");
        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.INVALID_RECIPIENT);
        assertThat(recipient.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(recipient.why()).contains("ディレクトリには見つかりません");
    }

    @Test
    void aNotesReportInShiftJisWithoutACharsetIsReadAsJapanese() {
        byte[] raw = notesReport("text/plain", notesBody("bob@example.jp", "ディレクトリのリストにありません"));

        FailedRecipient recipient = onlyRecipient(raw);

        assertThat(recipient.address()).isEqualTo("bob@example.jp");
        assertThat(recipient.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(recipient.why()).contains("ディレクトリのリストにありません");
    }

    @Test
    void aShiftJisBodyLabelledIso2022JpIsReadByItsBytes() {
        byte[] raw = notesReport("text/plain; charset=\"iso-2022-jp\"",
                notesBody("carl@example.jp", "メールボックスの容量を超えているため受信できません"));

        FailedRecipient recipient = onlyRecipient(raw);

        assertThat(recipient.address()).isEqualTo("carl@example.jp");
        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.MAILBOX_FULL);
    }

    @Test
    void iso2022JpEscapesUnderALatinLabelAreReadAsJapanese() {
        byte[] raw = message("""
                From: Postmaster@example.jp
                To: me@example.com
                Subject: DELIVERY FAILURE
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-8859-1
                """, dominoBody("dan@example.jp", "ユーザー dan (dan@example.jp) は Domino ディレクトリには見つかりません"),
                ISO_2022_JP);

        FailedRecipient recipient = onlyRecipient(raw);

        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.INVALID_RECIPIENT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "宛先のメールアドレスが存在しません|INVALID_RECIPIENT|USER_UNKNOWN",
            "該当するユーザーはいません|INVALID_RECIPIENT|USER_UNKNOWN",
            "宛先不明のため配信できませんでした|INVALID_RECIPIENT|USER_UNKNOWN",
            "ドメインが見つかりません|INVALID_RECIPIENT|HOST_UNKNOWN",
            "メールボックスがいっぱいです|MAILBOX_FULL|MAILBOX_FULL",
            "受信者のメールボックスの容量が不足しています|MAILBOX_FULL|MAILBOX_FULL",
            "メッセージのサイズが大きすぎます|POLICY|MESG_TOO_BIG",
            "受信拒否設定により拒否されました|POLICY|REJECTED",
            "迷惑メールと判定されたため受信を拒否しました|POLICY|SPAM_DETECTED",
            "ウイルスが検出されました|POLICY|VIRUS_DETECTED",
            "このアカウントは利用停止されています|POLICY|SUSPEND",
            "配送期限を過ぎたため配信できませんでした|TRANSIENT|EXPIRED",
            "一時的なエラーが発生しました。しばらくしてから再送してください|TRANSIENT|SYSTEM_ERROR",
            "最大ホップ数を超えました。ルーティングループの可能性があります|TRANSIENT|SYSTEM_ERROR",
            "相手先サーバーに接続できませんでした|TRANSIENT|NETWORK_ERROR"})
    void japaneseReasonWordingDecidesTheClass(String reason, BounceClass expectedClass, BounceReason expectedReason) {
        byte[] raw = message("""
                From: Postmaster@example.jp
                To: me@example.com
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-2022-JP
                """.formatted(encodedWord("配信エラー")), dominoBody("eve@example.jp", reason), ISO_2022_JP);

        FailedRecipient recipient = onlyRecipient(raw);

        assertThat(recipient.bounceClass()).isEqualTo(expectedClass);
        assertThat(recipient.reason()).isEqualTo(expectedReason);
        assertThat(recipient.why()).startsWith("wording");
    }

    @Test
    void aJapaneseDiagnosticInADeliveryStatusReportIsRead() {
        byte[] raw = message("""
                From: MAILER-DAEMON@mx.example.jp
                To: me@example.com
                Subject: Returned mail: see transcript for details
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"
                """, """
                --B
                Content-Type: text/plain; charset=Shift_JIS

                送信したメッセージは次の宛先に配信できませんでした。
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.jp

                Final-Recipient: rfc822; fay@example.jp
                Action: failed
                Status: 5.0.0
                Diagnostic-Code: smtp; 550 メールボックスがいっぱいです

                --B--
                """, SHIFT_JIS);

        FailedRecipient recipient = onlyRecipient(raw);

        assertThat(recipient.address()).isEqualTo("fay@example.jp");
        assertThat(recipient.bounceClass()).isEqualTo(BounceClass.MAILBOX_FULL);
    }

    @Test
    void latinTextWithoutACharsetIsNotMistakenForJapanese() {
        byte[] latin = "Réponse à été reçue, déjà très bien".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(TextDecoding.utf8OrLatin1(latin)).isEqualTo("Réponse à été reçue, déjà très bien");
        assertThat(TextDecoding.decodeText(latin, "windows-1252")).isEqualTo("Réponse à été reçue, déjà très bien");
    }

    @Test
    void textWithIso2022JpEscapesAndNoLabelIsDecoded() {
        assertThat(TextDecoding.utf8OrLatin1("配信不能: ann@example.jp".getBytes(ISO_2022_JP)))
                .isEqualTo("配信不能: ann@example.jp");
    }

    @Test
    void aPersonWritingInJapaneseAboutAnUndeliveredMessageIsNotABounce() {
        byte[] raw = message("""
                From: Tanaka <tanaka@example.jp>
                To: me@example.com
                Subject: %s
                In-Reply-To: <offer-1@example.com>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-2022-JP
                """.formatted(encodedWord("Re: 配信エラーについて")),
                "先日のメールは配信できませんでした。もう一度送っていただけますか。\n", ISO_2022_JP);

        assertThat(classifier.classify(raw).kind()).isNotEqualTo(MessageKind.BOUNCE);
    }

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource(delimiter = '|', value = {
            "收件人不存在|GB2312|INVALID_RECIPIENT|USER_UNKNOWN",
            "用户不存在，请确认地址|GB2312|INVALID_RECIPIENT|USER_UNKNOWN",
            "收件者不存在|Big5|INVALID_RECIPIENT|USER_UNKNOWN",
            "域名不存在|GB2312|INVALID_RECIPIENT|HOST_UNKNOWN",
            "收件人邮箱已满|GB2312|MAILBOX_FULL|MAILBOX_FULL",
            "信箱空間不足|Big5|MAILBOX_FULL|MAILBOX_FULL",
            "邮件大小超过限制|GB2312|POLICY|MESG_TOO_BIG",
            "被识别为垃圾邮件|GB2312|POLICY|SPAM_DETECTED",
            "该帐号已被冻结|GB2312|POLICY|SUSPEND",
            "邮件被拒绝|GB2312|POLICY|REJECTED",
            "连接超时|GB2312|TRANSIENT|EXPIRED",
            "服务器暂时不可用|GB2312|TRANSIENT|SYSTEM_ERROR",
            "수신자를 찾을 수 없습니다|EUC-KR|INVALID_RECIPIENT|USER_UNKNOWN",
            "메일함이 가득 찼습니다|EUC-KR|MAILBOX_FULL|MAILBOX_FULL",
            "스팸으로 분류되어 거부되었습니다|EUC-KR|POLICY|SPAM_DETECTED",
            "일시적인 오류입니다|EUC-KR|TRANSIENT|SYSTEM_ERROR"})
    void chineseAndKoreanReasonWordingDecidesTheClass(String reason, String charset, BounceClass expectedClass,
                                                      BounceReason expectedReason) {
        boolean korean = charset.equals("EUC-KR");
        String subject = korean ? "메일 전송 실패" : charset.equals("Big5") ? "投遞失敗" : "系统退信";
        String body = (korean ? "메일을 다음 주소로 전송할 수 없습니다:\n\n  gil@example.kr\n\n사유: "
                : charset.equals("Big5") ? "您的郵件無法投遞到以下地址：\n\n  gil@example.tw\n\n原因："
                : "您发送的邮件无法投递到以下地址：\n\n  gil@example.cn\n\n原因：") + reason + "\n";
        byte[] raw = message("""
                From: postmaster@mail.example.net
                To: me@example.com
                Subject: =?UTF-8?B?%s?=
                MIME-Version: 1.0
                Content-Type: text/plain; charset=%s
                """.formatted(Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)), charset),
                body, Charset.forName(charset));

        FailedRecipient recipient = onlyRecipient(raw);

        assertThat(recipient.address()).startsWith("gil@");
        assertThat(recipient.bounceClass()).isEqualTo(expectedClass);
        assertThat(recipient.reason()).isEqualTo(expectedReason);
        assertThat(recipient.why()).startsWith("wording");
    }
}
