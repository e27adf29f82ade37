package io.followup.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Test support: writes template files into a temporary templates directory and builds models. */
final class TemplateFiles {

    private final Path templatesDir;

    TemplateFiles(Path parent) {
        this.templatesDir = parent.resolve("templates");
    }

    Path dir() {
        return templatesDir;
    }

    TemplateFiles write(String relativePath, String content) {
        try {
            Path file = templatesDir.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    TemplateEngine engine() {
        return new TemplateEngine(templatesDir);
    }

    /** A full model: a contact met at an event, a sender, step 1 of 3 and an unsubscribe link. */
    static Map<String, Object> aFullModel() {
        Map<String, Object> contact = new HashMap<>();
        contact.put("email", "maria.lopez@example.com");
        contact.put("name", "Maria Lopez");
        contact.put("first_name", "Maria");
        contact.put("last_name", "Lopez");
        contact.put("company", "Northwind");
        contact.put("tier", "A");
        contact.put("goal", "partner");
        contact.put("met_at", "the Lisbon Product Summit");
        contact.put("topic", "usage-based pricing");
        Map<String, Object> model = new HashMap<>();
        model.put("contact", contact);
        model.put("sender", Map.of("name", "Anna Berg", "email", "anna@example.org"));
        model.put("owner", Map.of("name", "Anna Berg", "email", "anna@example.org"));
        model.put("step", Map.of("number", 1, "total", 3));
        model.put("unsubscribe_url", "https://example.org/u/abc123");
        return model;
    }

    /** {@link #aFullModel()} with one contact field replaced ({@code null} removes it). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> aModelWithContact(String key, Object value) {
        Map<String, Object> model = aFullModel();
        Map<String, Object> contact = (Map<String, Object>) model.get("contact");
        if (value == null) {
            contact.remove(key);
        } else {
            contact.put(key, value);
        }
        return model;
    }
}
