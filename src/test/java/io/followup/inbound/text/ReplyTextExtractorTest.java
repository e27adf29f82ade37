package io.followup.inbound.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTextExtractorTest {

    private static final String REPLY = "Sounds good, Tuesday works.\n\nBest,\nAnna";

    private final ReplyTextExtractor extractor = new ReplyTextExtractor();

    @ParameterizedTest
    @ValueSource(strings = {
            "On Tue, Mar 3, 2026 at 10:15 AM Bob Smith <bob@example.com> wrote:",
            "On 3 Mar 2026, at 10:15, Bob Smith <bob@example.com> wrote:",
            "Am 03.03.2026 um 10:15 schrieb Bob Smith <bob@example.com>:",
            "Am Di., 3. März 2026 um 10:15 Uhr schrieb Bob Smith <bob@example.com>:",
            "Le mar. 3 mars 2026 à 10:15, Bob Smith <bob@example.com> a écrit :",
            "El mar, 3 mar 2026 a las 10:15, Bob Smith (<bob@example.com>) escribió:",
            "Op di 3 mrt. 2026 om 10:15 schreef Bob Smith <bob@example.com>:",
            "Op 3 mrt. 2026 om 10:15 heeft Bob Smith <bob@example.com> het volgende geschreven:",
            "Il giorno mar 3 mar 2026 alle ore 10:15 Bob Smith <bob@example.com> ha scritto:",
            "Em ter., 3 de mar. de 2026 às 10:15, Bob Smith <bob@example.com> escreveu:",
            "Den 3 mars 2026 kl. 10:15 skrev Bob Smith <bob@example.com>:",
            "W dniu 3.03.2026 o 10:15, Bob Smith pisze:",
            "3 марта 2026 г., в 10:15, Bob Smith <bob@example.com> написал(а):",
            "在 2026年3月3日，上午10:15，Bob Smith <bob@example.com> 写道：",
            "2026/03/03 10:15 Bob Smith <bob@example.com>:",
            "2026-03-03 10:15 GMT+01:00 Bob Smith <bob@example.com>:",
            "Bob Smith <bob@example.com> schrieb am Di., 3. März 2026 um 10:15:",
            "Bob Smith <bob@example.com> wrote:",
            "Quoting Bob Smith <bob@example.com>:",
            "tis 3 mars 2026 kl 10:15 skrev Bob Smith:",
            "вт, 3 мар. 2026 г. в 10:15, Bob Smith <bob@example.com>:",
            "Bob Smith <bob@example.com> 于2026年3月3日周二 上午10:15写道：",
            "ti 3. maalisk. 2026 klo 10.15 Bob Smith (bob@example.com) kirjoitti:",
            "Dne 3. 3. 2026 10:15 napsal Bob Smith:",
            "Στις 3/3/2026 10:15 π.μ., ο/η Bob Smith <bob@example.com> έγραψε:",
            "Bob Smith <bob@example.com> ezt írta (időpont: 2026. márc. 3., K, 10:15):",
            "2026/03/03 10:15、Bob Smith <bob@example.com> のメッセージ:",
            "2026년 3월 3일 (화) 오전 10:15, Bob Smith <bob@example.com>님이 작성:"})
    void removesQuotedHistoryAfterAnAttributionInAnyLanguage(String attribution) {
        String body = REPLY + "\n\n" + attribution + "\n\n> Shall we meet on Tuesday?\n> Bob\n";

        assertThat(extractor.extract(body)).isEqualTo(REPLY);
    }

    @Test
    void removesAnAttributionWrappedOverSeveralLines() {
        String body = REPLY + "\n\nOn Tue, Mar 3, 2026 at 10:15 AM Bob Smith <\nbob@example.com> wrote:\n\n> Tuesday?\n";
        String french = REPLY + "\nLe 3 mars 2026 10:15, \"Bob Smith\"\n<bob@example.com>\na écrit :\n\n> Mardi ?\n";
        String german = REPLY + "\n\nBob Smith <bob@example.com> schrieb am Di., 3. März\n2026 um 10:15 Uhr:\n\n> Dienstag?\n";

        assertThat(extractor.extract(body)).isEqualTo(REPLY);
        assertThat(extractor.extract(french)).isEqualTo(REPLY);
        assertThat(extractor.extract(german)).isEqualTo(REPLY);
    }

    @Test
    void neverSwallowsTheAuthorsLastLineIntoAWrappedAttribution() {
        String body = "I wrote the summary yesterday.\nOn Tue, 3 Mar 2026 at 10:15, Bob <bob@example.com> wrote:\n> Any news?";
        String dated = "Notes from 2026-03-02 attached.\nBob Smith <bob@example.com> wrote:\n> Any news?";

        assertThat(extractor.extract(body)).isEqualTo("I wrote the summary yesterday.");
        assertThat(extractor.extract(dated)).isEqualTo("Notes from 2026-03-02 attached.");
    }

    static Stream<Arguments> bodiesAndTheirReplies() {
        return Stream.of(
                arguments("removes unquoted history after an attribution",
                        REPLY + "\n\nOn Tue, Mar 3, 2026 at 10:15 AM Bob Smith <bob@example.com> wrote:\n\nShall we meet?\n\nBob\n",
                        REPLY),
                arguments("keeps a sentence that starts with \"On\" but is not an attribution",
                        "On Monday I wrote to the team.\n\nThey agreed.\n\nOn 3 Mar 2026, Bob wrote:\n> Any news?",
                        "On Monday I wrote to the team.\n\nThey agreed."),
                arguments("removes trailing quoted lines",
                        REPLY + "\n\n> Shall we meet?\n>\n> Bob",
                        REPLY),
                unchanged("keeps inline quotes followed by the author's answer",
                        "> Shall we meet on Tuesday?\n\nYes, Tuesday works.\n\n> And bring the slides?\n\nSure."),
                arguments("takes the reply written below the quoted history",
                        "On Tue, Mar 3, 2026 at 10:15 AM Bob <bob@example.com> wrote:\n> Shall we meet?\n\nYes, Tuesday works.",
                        "Yes, Tuesday works."),
                arguments("removes a mobile footer between the reply and the history",
                        "Thanks!\n\nSent from my iPhone\n\nOn 3 Mar 2026, at 10:15, Bob <bob@example.com> wrote:\n\n> Hi",
                        "Thanks!"),
                unchanged("keeps a line that mentions a phone in a real sentence",
                        "Call me on my mobile tomorrow, the number is in my signature."),
                unchanged("keeps a lone header-like line of the author",
                        "Date: Tuesday works for me.\n\nSee you then."),
                unchanged("keeps separator-like lines inside fenced code",
                        "Try this:\n\n```\n#\n####\n--\n```\n\nDone."),
                arguments("removes a mailing-list unsubscribe footer",
                        "Agreed.\n\nUnsubscribe: list+unsubscribe@example.com\nhttp://lists.example.com/unsubscribe\n",
                        "Agreed."),
                arguments("treats enclosed quote blocks as quotes",
                        "Agreed.\n\n>>> Bob Smith >>>\nShall we meet?\nBob\n<<< Bob Smith <<<\n",
                        "Agreed."),
                arguments("removes PGP signature blocks",
                        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nSigned reply.\n"
                        + "-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n",
                        "Signed reply."));
    }

    /** A body the extractor must leave as it is: all of it is the author's. */
    private static Arguments unchanged(String rule, String body) {
        return arguments(rule, body, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesAndTheirReplies")
    void extractsTheAuthorsReply(String rule, String body, String reply) {
        assertThat(extractor.extract(body)).isEqualTo(reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "From: Bob Smith <bob@example.com>\nSent: Tuesday, March 3, 2026 10:15 AM\nTo: Anna <anna@example.com>\nSubject: Meeting",
            "*From:* Bob Smith\n*Sent:* 2026-03-03\n*To:* anna@example.com\n*Subject:* Meeting",
            "Von: Bob Smith <bob@example.com>\nGesendet: Dienstag, 3. März 2026 10:15\nAn: Anna\nBetreff: Treffen",
            "De : Bob Smith <bob@example.com>\nEnvoyé : mardi 3 mars 2026 10:15\nÀ : Anna\nObjet : Rendez-vous",
            "De: Bob Smith <bob@example.com>\nEnviado: martes, 3 de marzo de 2026 10:15\nPara: Anna\nAsunto: Reunión",
            "Van: Bob Smith <bob@example.com>\nVerzonden: dinsdag 3 maart 2026 10:15\nAan: Anna\nOnderwerp: Afspraak",
            "Från: Bob Smith [mailto:bob@example.com]\nSkickat: den 3 mars 2026 10:15\nTill: Anna\nÄmne: Möte",
            "差出人: Bob Smith <bob@example.com>\n送信日時: 2026年3月3日 10:15\n宛先: Anna\n件名: 会議",
            "Od: Bob Smith <bob@example.com>\nOdesláno: 3. března 2026 10:15\nKomu: Anna\nPředmět: Schůzka",
            "From: Bob Smith <bob@example.com>\nDate: Tuesday, 3 March 2026 at 10:15\nTo: Anna <anna@example.com>\nCc: Team <team@example.com>,\n Someone Else <else@example.com>\nSubject: Meeting"})
    void removesOutlookHeaderBlocksInSeveralLanguages(String headers) {
        String body = REPLY + "\n\n" + headers + "\n\nShall we meet on Tuesday?\n\nBob\n";

        assertThat(extractor.extract(body)).isEqualTo(REPLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-----Original Message-----", "*-------- Original Message --------*", "-----Ursprüngliche Nachricht-----",
            "-----Message d'origine-----", "-----Mensaje original-----", "-------- Original message --------",
            "---------- Forwarded message ---------", "Begin forwarded message:",
            "From: Bob Smith Sent: Tuesday, March 3, 2026 10:15 AM To: Anna Subject: Meeting",
            "##- Please type your reply above this line -##"})
    void removesEverythingAfterAnOriginalOrForwardedMessageBanner(String banner) {
        String body = REPLY + "\n\n" + banner + "\nFrom: Bob\nDate: today\nSubject: Meeting\n\nShall we meet?\n";

        assertThat(extractor.extract(body)).isEqualTo(REPLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-- \nAnna Berg\nCEO, Example", "--\nAnna", "__________\nAnna Berg | Example Inc.",
            "Sent from my iPhone", "Von meinem iPhone gesendet", "Envoyé de mon iPhone", "Enviado desde mi iPhone",
            "Verzonden vanaf mijn iPhone", "Sendt fra min iPad", "Skickat från min iPhone", "Get Outlook for iOS",
            "Get Outlook for Android<https://aka.ms/ghei36>", "Sent from Yahoo Mail on Android",
            "Sent from my Samsung Galaxy smartphone.", "(Sent from mobile device)", "从我的 iPhone 发送",
            "iPhoneから送信"})
    void removesSignaturesAndMobileFooters(String signature) {
        assertThat(extractor.extract(REPLY + "\n\n" + signature + "\n")).isEqualTo(REPLY);
    }

    @Test
    void normalizesWindowsAndOldMacLineEndings() {
        assertThat(extractor.extract("Hello\r\nthere\r\n\r\n> quoted\r\n")).isEqualTo("Hello\nthere");
        assertThat(extractor.extract("Hello\rthere\r")).isEqualTo("Hello\nthere");
    }

    @Test
    void keepsTheAuthorsIndentationAndInnerBlankLines() {
        String body = "Steps:\n\n    1. sign\n    2. return\n\n\nThanks";

        assertThat(extractor.extract("\n\n" + body + "\n\n\n")).isEqualTo(body);
    }

    @Test
    void returnsAnEmptyStringForNullBlankOrOnlyQuotedBodies() {
        assertThat(extractor.extract(null)).isEmpty();
        assertThat(extractor.extract(" \n\t\n")).isEmpty();
        assertThat(extractor.extract("--\nAnna")).isEmpty();
    }

    @Test
    void handlesAHugeDeeplyQuotedBodyQuickly() {
        StringBuilder body = new StringBuilder("Top reply.\n\n");
        for (int depth = 1; depth <= 3000; depth++) {
            String prefix = ">".repeat(Math.min(depth, 50)) + " ";
            body.append(prefix).append("On Thu, Apr 30, 2020 at 10:07 AM, \"someone\" <someone@example.com> wrote:\n")
                    .append(prefix).append("Hello world!\n").append(prefix).append('\n');
        }

        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long started = cpu.getCurrentThreadCpuTime();
        String text = extractor.extract(body.toString());

        assertThat(text).isEqualTo("Top reply.");
        assertThat(Duration.ofNanos(cpu.getCurrentThreadCpuTime() - started)).as("CPU time of the extraction")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void oneInstanceGivesTheSameResultsFromManyThreads() throws Exception {
        String body = REPLY + "\n\nOn Tue, Mar 3, 2026 at 10:15 AM Bob <bob@example.com> wrote:\n> Tuesday?\n";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int task = 0; task < 200; task++) {
                results.add(pool.submit(() -> extractor.extract(body)));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(REPLY);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neverThrowsOnOddInput() {
        String[] inputs = {"\u0000\u0001", ">", "On", "On\n\n\n\n\n\n", ":\n:\n:", "From:\nTo:\nSubject:", "<\n>", "```",
                "x".repeat(100_000), "On 2020 wrote:" + "\n".repeat(10), "\r\r\r"};
        for (String input : inputs) {
            assertThat(extractor.extract(input)).isNotNull();
        }
    }
}
