package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/** {@code followup inspect} over a folder of hostile messages: one JSON line each, no crash, no hang. */
class HostileInspectTest {

    @TempDir
    Path dir;

    @Test
    void inspectPrintsOneJsonLinePerHostileFileAndExitsZero() throws Exception {
        List<Arguments> messages = HostileMimeTest.hostileMessages().toList();
        for (int i = 0; i < messages.size(); i++) {
            Object[] args = messages.get(i).get();
            Files.write(dir.resolve(String.format("%02d-%s.eml", i, ((String) args[0]).replaceAll("\\W+", "-"))),
                    (byte[]) args[1]);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Main.run(
                new String[] {"inspect", dir.toString()}, new PrintWriter(out), new PrintWriter(err), Map.of()));

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(messages.size());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.get("file").asText()).endsWith(".eml");
            assertThat(node.get("kind").asText()).isIn("human_reply", "auto_reply", "bounce", "complaint", "other");
        }
    }
}
