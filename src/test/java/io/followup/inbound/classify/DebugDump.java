package io.followup.inbound.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebugDump {
    @Test
    void dump() throws Exception {
        String files = System.getProperty("dump", "");
        for (String name : files.split(",")) {
            if (name.isBlank()) continue;
            byte[] raw = Files.readAllBytes(Path.of("/work/shared/corpora/bounces/emails", name + ".eml"));
            MimeParser.Result parsed = new MimeParser(ParseLimits.defaults()).parse(raw);
            System.out.println("=== " + name + " " + new MessageClassifier().classify(raw).failedRecipients());
            for (MimeEntity e : parsed.root().flatten()) System.out.println("  part " + e.contentType().mimeType());
            MimeEntity ds = parsed.root().findFirst(e -> e.contentType().is("message/delivery-status"));
            if (ds != null) DeliveryStatusFields.parse(ds.text()).forEach(f -> System.out.println("  dsn " + f));
        }
    }
}
