package io.followup.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Declared with {@code @RegisterExtension}: before each test a started {@link WebUiFixture} in a fresh temporary
 * folder and a {@link WebClient} on it; after the test the fixture is closed and the folder deleted. One per test
 * instance; not thread-safe.
 */
final class WebUiExtension implements BeforeEachCallback, AfterEachCallback {

    private Path base;
    private WebUiFixture fixture;
    private WebClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        base = Files.createTempDirectory("followup-web");
        fixture = new WebUiFixture(base).start();
        client = new WebClient(fixture.baseUrl());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (fixture != null) {
                fixture.close();
            }
        } finally {
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    WebUiFixture fixture() {
        return fixture;
    }

    WebClient client() {
        return client;
    }
}
