package io.followup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.testing.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesCheckCommandTest {

    @TempDir
    Path base;

    @BeforeEach
    void writeConfiguration() {
        CliRun.config(base, "");
        TestConfigs.write(base.resolve("config/sequences/s.yaml"),
                "name: s\nsteps:\n  - template: s/good\n    wait: 0\n");
        TestConfigs.write(base.resolve("templates/s/good.vm"), "Subject: Hi $contact.first_name\n\nHello.\n");
        TestConfigs.write(base.resolve("templates/s/other.vm"), "Subject: Thanks\n\nThanks, $sender.name\n");
    }

    @Test
    void cleanTemplatesAreCountedAsOk() {
        CliRun.Result result = CliRun.run(base, "templates", "check");
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("2 templates OK\n");
        assertThat(result.code()).isZero();
    }

    @Test
    void aBrokenTemplateIsReportedWithFileLineAndColumn() {
        TestConfigs.write(base.resolve("templates/s/broken.vm"),
                "Subject: Hello\n\nHi $contact.first_name,\n\nsee you at $contatc.met_at\n");
        TestConfigs.write(base.resolve("templates/s/nosubject.vm"), "Hi $contact.first_name\n");
        CliRun.Result result = CliRun.run(base, "templates", "check");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).hasSize(2).allMatch(line -> line.matches("templates/s/\\w+\\.vm:\\d+(:\\d+)?: .+"));
        assertThat(result.out().lines().toList().get(0)).startsWith("templates/s/broken.vm:5:12: ")
                .contains("contatc");
        assertThat(result.out().lines().toList().get(1)).startsWith("templates/s/nosubject.vm:1")
                .containsIgnoringCase("subject");
        assertThat(result.err()).isEqualTo("followup: 2 problem(s) in 2 template file(s)\n");
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLine() {
        TestConfigs.write(base.resolve("templates/s/syntax.vm"),
                "Subject: Hello\n\nHi,\n#if($contact.company\nthere\n");
        CliRun.Result result = CliRun.run(base, "templates", "check");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).startsWith("templates/s/syntax.vm:");
        assertThat(result.out().lines().toList().get(0)).matches("templates/s/syntax\\.vm:[4-6]:\\d+: .+");
    }
}
