package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.web.Passwords;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code followup users add NAME}: the password from standard input becomes a bcrypt line to paste. */
class UsersCommandTest {

    private static final Pattern LINE = Pattern.compile("- \\{name: ada, password_hash: \"(\\$2a\\$12\\$[^\"]+)\"}");

    @Test
    void thePasswordFromStandardInputIsPrintedOnlyAsABcryptHash() {
        StringWriter out = new StringWriter();
        int code = run("correct horse battery\n", out, "ada", "--password-stdin");

        assertThat(code).isZero();
        assertThat(out.toString()).doesNotContain("correct horse");
        Matcher matcher = LINE.matcher(out.toString());
        assertThat(matcher.find()).as(out.toString()).isTrue();
        assertThat(new Passwords(4).matches("correct horse battery".toCharArray(), matcher.group(1))).isTrue();
        assertThat(new Passwords(4).matches("wrong horse battery".toCharArray(), matcher.group(1))).isFalse();
    }

    @Test
    void aShortPasswordOrABadNameIsAUsageError() {
        assertThat(run("short\n", new StringWriter(), "ada", "--password-stdin")).isEqualTo(2);
        assertThat(run("long enough password\n", new StringWriter(), "a:b", "--password-stdin")).isEqualTo(2);
    }

    @Test
    void aPasswordLongerThanBcryptsSeventyTwoBytesIsAUsageErrorNotACrash() {
        assertThat(run("é".repeat(37) + "\n", new StringWriter(), "ada", "--password-stdin")).isEqualTo(2);
        assertThat(run("é".repeat(36) + "\n", new StringWriter(), "ada", "--password-stdin")).isZero();
    }

    private static int run(String stdin, StringWriter out, String... args) {
        CommandLine commandLine = new CommandLine(new UsersCommand.Add(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }
}
