package io.followup.sequence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.config.ConfigException;
import io.followup.testing.TempFolder;
import io.followup.testing.TestConfigs;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A temporary folder with {@code templates/} (the templates named, each with the same body) and an empty
 * {@code sequences/}, and a {@link SequenceLoader} over it for the mailboxes named; a test declares it as
 * {@code @RegisterExtension final SequenceFiles files = new SequenceFiles(...)}, and the folder is deleted after each
 * test. One per test instance; not thread-safe.
 */
final class SequenceFiles implements AfterEachCallback {

    final Path base = TempFolder.create("followup-sequences-");
    final SequenceLoader loader;
    private String head = "";

    SequenceFiles(List<String> mailboxes, String templateBody, String... templates) {
        for (String template : templates) {
            TestConfigs.write(base.resolve("templates/" + template + ".vm"), templateBody);
        }
        base.resolve("sequences").toFile().mkdirs();
        loader = new SequenceLoader(base.resolve("templates"), new LinkedHashSet<>(mailboxes), base);
    }

    /** {@link #load} and {@link #assertFails} write {@code start} (e.g. a name and steps) before their content. */
    SequenceFiles startingWith(String start) {
        head = start;
        return this;
    }

    /** Writes {@code content} to {@code sequences/fileName}. */
    void write(String fileName, String content) {
        TestConfigs.write(base.resolve("sequences").resolve(fileName), content);
    }

    /** Loads every sequence file, as the daemon does. */
    List<SequenceDefinition> loadAll() {
        return loader.loadAll(base.resolve("sequences"));
    }

    /** Writes {@code content} as {@code sequences/intro.yaml} and loads it; the one sequence. */
    SequenceDefinition load(String content) {
        write("intro.yaml", head + content);
        return loadAll().get(0);
    }

    /** Writes {@code content} as {@code sequences/intro.yaml}; loading it fails with exactly {@code message}. */
    void assertFails(String content, String message) {
        write("intro.yaml", head + content);
        assertThatThrownBy(this::loadAll).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TempFolder.delete(base);
    }
}
