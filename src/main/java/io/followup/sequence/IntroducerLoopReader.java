package io.followup.sequence;

import io.followup.config.Node;
import io.followup.config.Values;
import io.followup.sequence.timing.Wait;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a sequence file's {@code introducer:} section into an {@link IntroducerLoop}. Each of its four keys is a
 * mapping or {@code off}; a key left out is off. Problems name {@code file:line: introducer.key}. Stateless.
 */
final class IntroducerLoopReader {

    private static final String WAIT_EXAMPLE = "a wait such as \"3 business days\", \"24 hours\" or 0";

    private final Function<Node, String> template;

    /** @param template checks a template name (it must exist) and returns it */
    IntroducerLoopReader(Function<Node, String> template) {
        this.template = template;
    }

    /**
     * @param sequencePromise the sequence's {@code first_touch_within}, the acknowledgement's default promise
     */
    IntroducerLoop read(Node node, FirstTouchPromise sequencePromise) {
        node.mapping("the introducer's loop (acknowledge, connected, report_back, thank_you)", "acknowledge",
                "connected", "report_back", "thank_you");
        Optional<Node> acknowledgeNode = on(node, "acknowledge");
        IntroducerLoop.Note acknowledge = acknowledgeNode.map(item -> note(item, "within")).orElse(null);
        Duration within = null;
        if (acknowledge != null) {
            within = acknowledgeNode.get().get("within").map(Values::duration)
                    .orElse(sequencePromise.on() ? sequencePromise.within() : IntroducerLoop.DEFAULT_WITHIN);
            Wait wait = acknowledge.delay();
            if (wait.unit() == Wait.Unit.BUSINESS_DAYS && wait.amount() > 0
                    || Duration.between(Instant.EPOCH, wait.after(Instant.EPOCH, ZoneOffset.UTC)).compareTo(within) > 0) {
                throw acknowledgeNode.get().get("wait").orElseThrow().fail("the acknowledgement waits " + wait
                        + ", longer than its promise (within) of " + FirstTouchPromise.hours(within));
            }
        }
        IntroducerLoop.Note connected = on(node, "connected").map(item -> note(item)).orElse(null);
        IntroducerLoop.ReportBack reportBack = on(node, "report_back").map(IntroducerLoopReader::reportBack)
                .orElse(null);
        IntroducerLoop.Note thankYou = on(node, "thank_you").map(item -> note(item)).orElse(null);
        if (acknowledge == null && connected == null && reportBack == null && thankYou == null) {
            throw node.fail("every item is off; leave the introducer section out instead");
        }
        return new IntroducerLoop(acknowledge, within, connected, reportBack, thankYou);
    }

    /** The item's node, or empty when it is left out or {@code off}. */
    private static Optional<Node> on(Node parent, String key) {
        Optional<Node> item = parent.get(key);
        if (item.isPresent() && !item.get().isMapping()) {
            String text = item.get().text("a mapping, or off");
            if (text.strip().equals("off") || text.strip().equals("false")) {
                return Optional.empty();
            }
            throw item.get().expected("a mapping (template, wait, approval), or off");
        }
        return item;
    }

    private IntroducerLoop.Note note(Node item, String... extraKeys) {
        String[] keys = new String[3 + extraKeys.length];
        keys[0] = "template";
        keys[1] = "wait";
        keys[2] = "approval";
        System.arraycopy(extraKeys, 0, keys, 3, extraKeys.length);
        item.mapping("a message to the introducer (" + String.join(", ", keys) + ")", keys);
        String name = template.apply(item.require("template", "a template name such as introductions/thank-you"));
        Wait wait = item.get("wait").map(IntroducerLoopReader::wait).orElse(Wait.NONE);
        boolean approval = item.get("approval").map(Node::bool).orElse(true);
        return new IntroducerLoop.Note(name, wait, approval);
    }

    private static IntroducerLoop.ReportBack reportBack(Node item) {
        item.mapping("the report-back task (task, wait)", "task", "wait");
        EscalationDefinition.Task task = EscalationReader.task(item.require("task",
                "the task (kind: call | linkedin | note | other, text: \"Tell $introducer.first_name how it went\")"));
        return new IntroducerLoop.ReportBack(task, wait(item.require("wait", WAIT_EXAMPLE)));
    }

    private static Wait wait(Node node) {
        try {
            return Wait.parse(node.text(WAIT_EXAMPLE));
        } catch (IllegalArgumentException invalid) {
            throw node.fail(invalid.getMessage());
        }
    }
}
