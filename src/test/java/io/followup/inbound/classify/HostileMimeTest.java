package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated nasty messages: classify must return quickly, never throw, and degrade to OTHER with an error. */
class HostileMimeTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private final MessageClassifier classifier = new MessageClassifier();

    static Stream<Arguments> hostileMessages() {
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("random bytes", randomBytes(200_000, 1)),
                Arguments.of("only a blank line", bytes("\r\n\r\n")),
                Arguments.of("deep multipart nesting", bytes(deepMultipart(500))),
                Arguments.of("deep message/rfc822 nesting", bytes(deepRfc822(300))),
                Arguments.of("many parts", bytes(manyParts(20_000))),
                Arguments.of("missing boundary parameter", bytes("From: a@example.com\r\nContent-Type: multipart/mixed"
                        + "\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--zz--\r\n")),
                Arguments.of("boundary never appears", bytes("From: a@example.com\r\nContent-Type: multipart/mixed;"
                        + " boundary=nope\r\n\r\njust text\r\n")),
                Arguments.of("huge header", bytes("From: a@example.com\r\nSubject: " + "x".repeat(3_000_000)
                        + "\r\n\r\nbody\r\n")),
                Arguments.of("millions of header lines", bytes("From: a@example.com\r\n" + "X-A: b\r\n".repeat(400_000)
                        + "\r\nbody\r\n")),
                Arguments.of("endless folding", bytes("From: a@example.com\r\nSubject: a\r\n" + " b\r\n".repeat(500_000)
                        + "\r\nbody\r\n")),
                Arguments.of("unknown charset and bad base64", bytes("From: a@example.com\r\nSubject: =?x-klingon?B?"
                        + "!!!?= =?utf-8?Q?caf=C3=A9?=\r\nContent-Type: text/plain; charset=x-klingon\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n@@@@ not base64 ====\r\n")),
                Arguments.of("illegal charset name", bytes("From: a@example.com\r\nContent-Type: text/plain; "
                        + "charset=\"ut f/8\\\"\r\n\r\nhello\r\n")),
                Arguments.of("CR-only line ends", bytes("From: a@example.com\rSubject: hi\r\rhello\r")),
                Arguments.of("broken quoted-printable", bytes("From: a@example.com\r\nContent-Transfer-Encoding: "
                        + "quoted-printable\r\n\r\n=ZZ=\r\n=4\r\n=")),
                Arguments.of("delivery-status flood", bytes(dsnFlood(50_000))),
                Arguments.of("one-character boundary everywhere", bytes("From: a@example.com\r\nContent-Type: "
                        + "multipart/mixed; boundary=-\r\n\r\n" + "--\r\n".repeat(200_000))),
                Arguments.of("regex bait", bytes("From: MAILER-DAEMON@x.example\r\nSubject: Undelivered\r\n\r\n"
                        + "a@".repeat(200_000) + " " + "1.".repeat(100_000) + " " + "<".repeat(100_000))),
                Arguments.of("oversized message", oversized()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMessages")
    void hostileMessagesAreClassifiedQuicklyWithoutThrowing(String name, byte[] raw) {
        InboundAnalysis analysis = assertTimeoutPreemptively(BOUND, () -> classifier.classify(raw));

        assertThat(analysis).isNotNull();
        assertThat(analysis.kind()).isNotNull();
        assertThat(analysis.bodyText()).isNotNull();
        assertThat(analysis.failedRecipients()).isNotNull();
        assertThat(analysis.references()).isNotNull();
    }

    @Test
    void unparseableInputIsOtherWithAnError() {
        InboundAnalysis empty = classifier.classify(new byte[0]);
        InboundAnalysis garbage = classifier.classify(bytes("\u0000\u0001 no headers at all\n\nbody"));

        assertThat(empty.kind()).isEqualTo(MessageKind.OTHER);
        assertThat(empty.error()).isNotBlank();
        assertThat(garbage.kind()).isEqualTo(MessageKind.OTHER);
        assertThat(garbage.error()).isNotBlank();
        assertThat(classifier.classify(null).error()).isNotBlank();
    }

    @Test
    void limitsThatCutTheMessageAreReportedAsAnError() {
        InboundAnalysis nested = classifier.classify(bytes(deepMultipart(50)));
        InboundAnalysis huge = classifier.classify(bytes("From: a@example.com\r\nSubject: " + "x".repeat(400_000)
                + "\r\n\r\nbody\r\n"));

        assertThat(nested.error()).contains("nesting");
        assertThat(huge.error()).contains("header");
    }

    @Test
    void crOnlyAndLfOnlyMessagesParseLikeCrlfOnes() {
        String message = "From: Ann <ann@example.net>\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\nIn-Reply-To: <m@x.example>"
                + "\n\nHallo\n";

        for (String variant : new String[] {message, message.replace("\n", "\r"), message.replace("\n", "\r\n")}) {
            InboundAnalysis analysis = classifier.classify(bytes(variant));
            assertThat(analysis.kind()).isEqualTo(MessageKind.HUMAN_REPLY);
            assertThat(analysis.subject()).isEqualTo("Grüße");
            assertThat(analysis.bodyText().strip()).isEqualTo("Hallo");
            assertThat(analysis.references()).containsExactly("<m@x.example>");
            assertThat(analysis.error()).isNull();
        }
    }

    @Test
    void latin1BodyMislabelledAsUtf8AndHtmlOnlyBodiesGiveReadableText() {
        byte[] latin1 = ("From: a@example.com\r\nContent-Type: text/plain; charset=bogus\r\n\r\ncaf\u00e9\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] html = bytes("From: a@example.com\r\nContent-Type: text/html\r\n\r\n<p>Hello<br>there</p>"
                + "<div>second &amp; last</div>");

        assertThat(classifier.classify(latin1).bodyText().strip()).isEqualTo("café");
        assertThat(classifier.classify(html).bodyText()).isEqualTo("Hello\nthere\n\nsecond & last");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] oversized() {
        StringBuilder builder = new StringBuilder("From: a@example.com\r\nSubject: big\r\n\r\n");
        String line = "y".repeat(998) + "\r\n";
        while (builder.length() < 20 * 1024 * 1024) {
            builder.append(line);
        }
        return bytes(builder.toString());
    }

    private static String deepMultipart(int depth) {
        StringBuilder builder = new StringBuilder("From: a@example.com\r\n");
        for (int level = 0; level < depth; level++) {
            builder.append("Content-Type: multipart/mixed; boundary=b").append(level).append("\r\n\r\n--b")
                    .append(level).append("\r\n");
        }
        builder.append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        for (int level = depth - 1; level >= 0; level--) {
            builder.append("--b").append(level).append("--\r\n");
        }
        return builder.toString();
    }

    private static String deepRfc822(int depth) {
        StringBuilder builder = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            builder.append("From: a").append(level).append("@example.com\r\nContent-Type: message/rfc822\r\n\r\n");
        }
        return builder.append("From: z@example.com\r\n\r\nbottom\r\n").toString();
    }

    private static String manyParts(int parts) {
        StringBuilder builder = new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=p"
                + "\r\n\r\n");
        for (int part = 0; part < parts; part++) {
            builder.append("--p\r\nContent-Type: text/plain\r\n\r\npart ").append(part).append("\r\n");
        }
        return builder.append("--p--\r\n").toString();
    }

    private static String dsnFlood(int recipients) {
        StringBuilder builder = new StringBuilder("From: MAILER-DAEMON@x.example\r\nContent-Type: multipart/report;"
                + " report-type=delivery-status; boundary=d\r\n\r\n--d\r\nContent-Type: message/delivery-status\r\n\r\n");
        for (int recipient = 0; recipient < recipients; recipient++) {
            builder.append("Final-Recipient: rfc822; u").append(recipient)
                    .append("@x.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n");
        }
        return builder.append("--d--\r\n").toString();
    }
}
