package io.followup.template;

import static io.followup.template.TemplateFiles.aFullModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCachingTest {

    /** Time is measured as this thread's CPU time, so a loaded machine does not fail the test. */
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    @TempDir
    Path parent;

    private TemplateEngine anEngineWithOneTemplate() {
        return new TemplateFiles(parent)
                .write("seq/first.vm", """
                        Subject: Great meeting you at $contact.met_at

                        Hi $contact.first_name,

                        Thank you for the conversation about $contact.topic#if($contact.company) and $contact.company#end.
                        Step $step.number of $step.total.

                        $sender.name
                        """)
                .write("seq/first.html.vm", "<p>Hi $contact.first_name,</p>\n")
                .engine();
    }

    @Test
    void renderingTenThousandTimesParsesTheTemplateOnceAndTakesWellUnderASecond() {
        TemplateEngine engine = anEngineWithOneTemplate();
        Map<String, Object> model = aFullModel();
        RenderedMessage first = engine.render("seq/first", model);
        long parsesAfterFirstRender = engine.parseCount();
        for (int warmUp = 0; warmUp < 2_000; warmUp++) {
            engine.render("seq/first", model);
        }

        Duration fastest = Duration.ofDays(1);
        RenderedMessage last = null;
        for (int round = 0; round < 3; round++) {
            long start = CPU.getCurrentThreadCpuTime();
            for (int render = 0; render < 10_000; render++) {
                last = engine.render("seq/first", model);
            }
            Duration elapsed = Duration.ofNanos(CPU.getCurrentThreadCpuTime() - start);
            fastest = elapsed.compareTo(fastest) < 0 ? elapsed : fastest;
        }

        assertThat(last).isEqualTo(first);
        assertThat(parsesAfterFirstRender).isEqualTo(3);
        assertThat(engine.parseCount()).isEqualTo(parsesAfterFirstRender);
        assertThat(fastest).as("CPU time of the fastest of three rounds of 10,000 renders")
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void concurrentRendersOfTheSameTemplateGiveTheSameResultAndParseOnce() throws Exception {
        TemplateEngine engine = anEngineWithOneTemplate();
        RenderedMessage expected = anEngineWithOneTemplate().render("seq/first", aFullModel());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                results.add(pool.submit(() -> {
                    for (int render = 0; render < 500; render++) {
                        if (!engine.render("seq/first", aFullModel()).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(engine.parseCount()).isEqualTo(3);
    }

    @Test
    void aTemplateThatDoesNotParseIsNotReparsedOnEveryRender() {
        TemplateEngine engine = new TemplateFiles(parent)
                .write("seq/broken.vm", "Subject: Hi\n\n#if($contact.company\nHi.\n")
                .engine();

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> engine.render("seq/broken", aFullModel()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage("templates/seq/broken.vm:4:1: syntax error: unexpected \"Hi\"");
        }

        assertThat(engine.parseCount()).isEqualTo(2);
    }
}
