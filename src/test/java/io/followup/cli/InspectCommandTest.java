package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.inbound.text.IntentClassifier;
import io.followup.inbound.text.ReplyTextExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new InspectCommand());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    }

    /** Reply text and intent come from the text seam; the expected values are computed through it too. */
    private static String intentOf(String replyText) {
        return new IntentClassifier().classify(replyText).intent().wireName();
    }

    @Test
    void bounceIsPrintedAsOneJsonLineWithKeysInContractOrder() throws IOException {
        Path file = write("bounce.eml", """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
                To: me@example.com
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <b1@mx.example.org>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                Your message could not be delivered.
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; Gone@Example.net
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown

                --B
                Content-Type: text/rfc822-headers

                Message-ID: <orig-1@example.com>
                From: me@example.com
                To: gone@example.net

                --B--
                """);

        int exitCode = run(file.toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString()).isEqualTo("{\"file\":\"" + file + "\",\"kind\":\"bounce\",\"bounce\":{\"recipients\":"
                + "[{\"address\":\"gone@example.net\",\"status\":\"5.1.1\",\"class\":\"invalid_recipient\","
                + "\"hard\":true,\"final_recipient\":\"gone@example.net\",\"original_recipient\":null,"
                + "\"reason\":\"userunknown\",\"why\":\"status 5.1.1\"}]},\"auto_reply\":null,\"reply_text\":null,"
                + "\"intent\":null,\"references\":[\"<orig-1@example.com>\"],"
                + "\"why\":\"RFC 3464 delivery-status report\"}" + System.lineSeparator());
    }

    @Test
    void autoReplyAndHumanReplyInADirectoryArePrintedInNameOrder() throws IOException {
        write("b-human.eml", """
                From: Ann Smith <ann@example.net>
                To: me@example.com
                Subject: Re: coffee
                Date: Mon, 6 Jan 2025 10:00:00 +0100
                Message-ID: <h1@example.net>
                In-Reply-To: <m1@example.com>

                Sounds good, Tuesday works.
                """);
        write("a-ooo.eml", """
                From: bob@example.net
                To: me@example.com
                Subject: Automatic reply: coffee
                Date: Mon, 6 Jan 2025 10:00:00 +0100
                Auto-Submitted: auto-replied
                In-Reply-To: <m2@example.com>

                I am out of the office and will be back on January 13.
                """);

        int exitCode = run(dir.toString());

        String[] lines = out.toString().split(System.lineSeparator());
        assertThat(exitCode).isZero();
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("{\"file\":\"" + dir.resolve("a-ooo.eml") + "\",\"kind\":\"auto_reply\","
                + "\"bounce\":null,\"auto_reply\":{\"until\":\"2025-01-13\"},\"reply_text\":null,\"intent\":null,"
                + "\"references\":[\"<m2@example.com>\"],\"why\":\"" + "Auto-Submitted: auto-replied; return date: month name"
                + " and day after a return word" + "\"}");
        String replyText = new ReplyTextExtractor().extract("Sounds good, Tuesday works.\r\n");
        assertThat(lines[1]).isEqualTo("{\"file\":\"" + dir.resolve("b-human.eml") + "\",\"kind\":\"human_reply\","
                + "\"bounce\":null,\"auto_reply\":null,\"reply_text\":\"" + replyText + "\","
                + "\"intent\":\"" + intentOf(replyText) + "\",\"references\":[\"<m1@example.com>\"],"
                + "\"why\":\"written by a person: no bounce, complaint, auto-reply or bulk signals\"}");
    }

    @Test
    void bodyModeTreatsEachFileAsAReplyBody() throws IOException {
        String body = "  Yes, let's talk next week.\n\n";
        Path file = Files.writeString(dir.resolve("reply.txt"), body);

        int exitCode = run("--body", file.toString());

        String replyText = new ReplyTextExtractor().extract(body);
        assertThat(replyText).isEqualTo("Yes, let's talk next week.");
        assertThat(exitCode).isZero();
        assertThat(out.toString()).isEqualTo("{\"file\":\"" + file + "\",\"kind\":\"human_reply\",\"bounce\":null,"
                + "\"auto_reply\":null,\"reply_text\":\"" + replyText + "\",\"intent\":\"" + intentOf(replyText)
                + "\",\"references\":[]}" + System.lineSeparator());
    }

    @Test
    void unparseableFileGivesKindOtherWithAnErrorAndExitCodeZero() throws IOException {
        Path file = Files.write(dir.resolve("garbage.bin"), new byte[] {0, 1, 2, (byte) 0xff, '\n', '\n', 'x'});

        int exitCode = run(file.toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString()).startsWith("{\"file\":\"" + file + "\",\"kind\":\"other\",\"bounce\":null,"
                + "\"auto_reply\":null,\"reply_text\":null,\"intent\":null,\"references\":[],\"error\":\"");
    }

    @Test
    void missingPathExitsWithOneButStillPrintsTheOthers() throws IOException {
        Path file = write("ok.eml", "From: a@example.com\nSubject: hi\n\nhello\n");

        int exitCode = run(dir.resolve("missing.eml").toString(), file.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("missing.eml");
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(2);
    }
}
