package io.followup.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.followup.inbound.classify.FailedRecipient;
import io.followup.inbound.classify.InboundAnalysis;
import io.followup.inbound.classify.MessageClassifier;
import io.followup.inbound.classify.MessageKind;
import io.followup.inbound.text.IntentClassifier;
import io.followup.inbound.text.ReplyTextExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inspect [--body] FILE|DIR...}: classifies raw RFC 5322 messages (or, with {@code --body},
 * plain-text reply bodies) and prints one compact JSON object per file. Exit code 0 when every
 * input was processed (even with per-file errors), 1 when a path does not exist, 2 for usage errors.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Classifies raw RFC 5322 messages (with --body: plain-text reply bodies) and prints "
                + "one JSON object per file: kind, bounce recipients, auto-reply date, reply text, intent, "
                + "references; each kind and bounce class with the rule that decided it (\"why\").")
public final class InspectCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--body", description = "Treat each file as a plain-text reply body, not a raw message.")
    private boolean body;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "Files to inspect; a directory means every regular file in it, sorted by name.")
    private List<Path> paths = new ArrayList<>();

    private final MessageClassifier classifier;
    private final ReplyTextExtractor extractor;
    private final IntentClassifier intentClassifier;

    public InspectCommand() {
        this(new MessageClassifier(), new ReplyTextExtractor(), new IntentClassifier());
    }

    InspectCommand(MessageClassifier classifier, ReplyTextExtractor extractor, IntentClassifier intentClassifier) {
        this.classifier = classifier;
        this.extractor = extractor;
        this.intentClassifier = intentClassifier;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exitCode = 0;
        for (Path path : paths) {
            if (!Files.exists(path)) {
                err.println("inspect: no such file or directory: " + path);
                exitCode = 1;
                continue;
            }
            for (Path file : filesOf(path, err)) {
                out.println(JSON.writeValueAsString(inspect(file)));
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    private List<Path> filesOf(Path path, PrintWriter err) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException unreadable) {
            err.println("inspect: cannot list directory " + path + ": " + unreadable.getMessage());
            return List.of();
        }
    }

    private ObjectNode inspect(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError unreadable) {
            return unreadable(file, "cannot read file: " + unreadable.getClass().getSimpleName());
        }
        return body ? inspectBody(file, bytes) : inspectMessage(file, bytes);
    }

    private ObjectNode inspectBody(Path file, byte[] bytes) {
        String replyText = extractor.extract(text(bytes));
        ObjectNode line = start(file, MessageKind.HUMAN_REPLY);
        line.putNull("bounce");
        line.putNull("auto_reply");
        line.put("reply_text", replyText);
        line.put("intent", intentClassifier.classify(replyText).intent().wireName());
        line.putArray("references");
        return line;
    }

    private ObjectNode inspectMessage(Path file, byte[] bytes) {
        InboundAnalysis analysis = classifier.classify(bytes);
        ObjectNode line = start(file, analysis.kind());
        if (analysis.kind() == MessageKind.BOUNCE) {
            ArrayNode recipients = line.putObject("bounce").putArray("recipients");
            for (FailedRecipient failed : analysis.failedRecipients()) {
                ObjectNode recipient = recipients.addObject();
                recipient.put("address", failed.address());
                recipient.put("status", failed.status());
                recipient.put("class", failed.bounceClass().wireName());
                recipient.put("hard", failed.hard());
                recipient.put("final_recipient", failed.finalRecipient());
                recipient.put("original_recipient", failed.originalRecipient());
                recipient.put("reason", failed.reason().wireName());
                recipient.put("why", failed.why());
            }
        } else {
            line.putNull("bounce");
        }
        if (analysis.kind() == MessageKind.AUTO_REPLY) {
            line.putObject("auto_reply").put("until",
                    analysis.autoReplyUntil() == null ? null : analysis.autoReplyUntil().toString());
        } else {
            line.putNull("auto_reply");
        }
        if (analysis.kind() == MessageKind.HUMAN_REPLY) {
            String replyText = extractor.extract(analysis.bodyText());
            line.put("reply_text", replyText);
            line.put("intent", intentClassifier.classify(replyText).intent().wireName());
        } else {
            line.putNull("reply_text");
            line.putNull("intent");
        }
        ArrayNode references = line.putArray("references");
        analysis.references().forEach(references::add);
        if (analysis.error() != null && analysis.kind() == MessageKind.OTHER) {
            line.put("error", analysis.error());
        }
        line.put("why", analysis.explanation());
        return line;
    }

    private static ObjectNode unreadable(Path file, String error) {
        ObjectNode line = start(file, MessageKind.OTHER);
        line.putNull("bounce");
        line.putNull("auto_reply");
        line.putNull("reply_text");
        line.putNull("intent");
        line.putArray("references");
        line.put("error", error);
        return line;
    }

    private static ObjectNode start(Path file, MessageKind kind) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file.toString());
        line.put("kind", kind.wireName());
        return line;
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
