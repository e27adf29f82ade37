package io.followup.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.followup.contact.ContactSpec;
import io.followup.outbox.OutboundMessage;
import io.followup.outbox.OutboundState;
import io.followup.sequence.EnrollmentState;
import io.followup.sequence.EscalationDefinition;
import io.followup.sequence.SequenceDefinition;
import io.followup.sequence.StepDefinition;
import io.followup.sequence.timing.Wait;
import io.followup.task.TaskKind;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web UI in a real browser: the system's Chromium, headless, driven by Selenium through the system's
 * chromedriver (Selenium Manager never downloads anything). Skipped when either is missing. With the system
 * property {@code followup.screenshots.dir} set, it saves {@code queue.png}, {@code draft.png} and
 * {@code contact.png} and {@code sequences.png} (1280x800) there.
 */
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A sequence with A/B variants of its first step and a task step, for the Sequences page. */
    private static final SequenceDefinition AB_SEQUENCE = new SequenceDefinition("ab-test", "two first messages compared",
            "main", List.of(
                    StepDefinition.withVariants(1, Wait.NONE, false, false, List.of(
                            new StepDefinition.Variant("intro/first", 50),
                            new StepDefinition.Variant("intro/second", 50))),
                    StepDefinition.ofTask(2, new Wait(1, Wait.Unit.DAYS), new EscalationDefinition.Task(
                            TaskKind.LINKEDIN, "Connect with $contact.first_name on LinkedIn")),
                    new StepDefinition(3, "intro/third", new Wait(2, Wait.Unit.DAYS), false)),
            new Wait(3, Wait.Unit.DAYS));
    private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(2);
    private static final String EDITED_TEXT = "Hi Alice,\n\nLovely to meet you in Lisbon. Coffee next week?\n\nOlivia";

    @TempDir
    static Path profile;
    /** One browser for the class (starting Chromium costs more than a test); its cookies are cleared before each. */
    private static WebDriver browser;

    @TempDir
    Path base;

    private WebUiFixture fixture;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "/usr/bin/chromium or /usr/bin/chromedriver not found: browser tests skipped "
                        + "(apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 800));
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        browser.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
    }

    @BeforeEach
    void setUp() {
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        fixture = new WebUiFixture(base, List.of(AB_SEQUENCE)).start();
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void aPersonLogsInEditsApprovesRejectsAndBulkApprovesDrafts() throws Exception {
        OutboundMessage alice = fixture.draftFor("alice@example.org", "Alice Adams", 1);
        OutboundMessage bob = fixture.draftFor("bob@example.org", "Bob Brown", 1);
        OutboundMessage carol = fixture.draftFor("carol@example.org", "Carol Clark", 1);
        OutboundMessage dave = fixture.draftFor("dave@example.org", "Dave Davis", 1);

        browser.get(fixture.baseUrl() + "/queue");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("name")).sendKeys(WebUiFixture.USER);
        browser.findElement(By.id("password")).sendKeys(WebUiFixture.PASSWORD);
        navigate(By.id("login"));

        assertThat(browser.getCurrentUrl()).endsWith("/queue");
        assertThat(browser.findElements(By.cssSelector("table.queue tbody tr"))).hasSize(4);
        screenshot("queue.png");

        navigate(By.cssSelector("#draft-" + alice.id() + " a.subject"));
        assertThat(browser.findElement(By.id("text")).getText()).contains("Alice");
        screenshot("draft.png");
        WebElement text = browser.findElement(By.id("edit-text"));
        text.clear();
        text.sendKeys(EDITED_TEXT);
        WebElement subject = browser.findElement(By.id("edit-subject"));
        subject.clear();
        subject.sendKeys("Coffee in Lisbon?");
        navigate(By.id("save"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Saved");
        assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("Coffee in Lisbon?");
        navigate(By.id("approve"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Approved draft #" + alice.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> !fixture.mail.receivedBy("alice@example.org").isEmpty());
        List<MimeMessage> received = fixture.mail.receivedBy("alice@example.org");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Coffee in Lisbon?");
        assertThat(received.get(0).getContent().toString().replace("\r\n", "\n").strip()).isEqualTo(EDITED_TEXT);

        navigate(By.cssSelector("#draft-" + bob.id() + " a.subject"));
        browser.findElement(By.id("reason")).sendKeys("met him already");
        navigate(By.id("reject"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Rejected draft #" + bob.id());
        assertThat(fixture.message(bob.id()).state()).isEqualTo(OutboundState.REJECTED);
        assertThat(fixture.daemon.drafts().decisions(bob.id())).singleElement()
                .satisfies(decision -> assertThat(decision.reason()).isEqualTo("met him already"));

        browser.findElement(By.cssSelector("input[name=id][value='" + carol.id() + "']")).click();
        browser.findElement(By.cssSelector("input[name=id][value='" + dave.id() + "']")).click();
        navigate(By.id("approve-selected"));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Approved 2 draft(s)");
        assertThat(presentNow(By.cssSelector("table.queue tbody tr"))).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.mail.receivedBy("carol@example.org").size() == 1
                && fixture.mail.receivedBy("dave@example.org").size() == 1);
        assertThat(fixture.mail.receivedBy("bob@example.org")).isEmpty();

        browser.get(fixture.baseUrl() + "/contacts?q=alice");
        navigate(By.linkText("Alice Adams"));
        assertThat(browser.findElement(By.id("contact-email")).getText()).isEqualTo("alice@example.org");
        screenshot("contact.png");
        String bobsEnrollment = fixture.daemon.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT state FROM enrollment WHERE contact_id = (SELECT id FROM contact WHERE email = :email)")
                .bind("email", "bob@example.org").mapTo(String.class).one());
        assertThat(bobsEnrollment).isEqualTo(EnrollmentState.STOPPED.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void keyboardShortcutsSelectAndApproveTheCurrentDraft() {
        OutboundMessage erin = fixture.draftFor("erin@example.org", "Erin Evans", 1);
        browser.get(fixture.baseUrl() + "/login");
        browser.findElement(By.id("name")).sendKeys(WebUiFixture.USER);
        browser.findElement(By.id("password")).sendKeys(WebUiFixture.PASSWORD);
        navigate(By.id("login"));

        WebElement body = browser.findElement(By.tagName("body"));
        body.sendKeys("?");
        assertThat(browser.findElement(By.id("shortcuts")).isDisplayed()).isTrue();
        body.sendKeys("j");
        WebElement page = browser.findElement(By.tagName("html"));
        body.sendKeys("A");
        await().atMost(Duration.ofSeconds(10)).until(() -> isStale(page));

        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Approved 1 draft(s)");
        assertThat(fixture.message(erin.id()).state()).isNotEqualTo(OutboundState.PENDING_APPROVAL);
    }

    @Test
    void theSequencesPageShowsResultsPerStepPerTemplateAndPerVariant() throws Exception {
        int contacts = 16;
        for (int i = 0; i < contacts; i++) {
            fixture.daemon.enrollments().enroll(ContactSpec.of("p" + i + "@example.org", "Person " + i)
                    .withFields(java.util.Map.of("met_at", "the Lisbon meetup")), "ab-test", "test");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sentSteps("ab-test") == contacts);
        fixture.clock.advance(Duration.ofHours(5));
        for (int i : new int[] {0, 3, 5, 6, 9}) {
            String email = "p" + i + "@example.org";
            String body = i == 3 ? "No thanks, not for us." : "Yes, I am interested - let us talk next week.";
            fixture.daemon.inbound().process(fixture.daemon.catalog().mailboxId("main"), "INBOX", 1, 1000 + i,
                    io.followup.testing.TestMail.rawMessage(email, "Re: hello", body,
                            fixture.mail.receivedBy(email).get(0).getMessageID(), false, fixture.clock.instant()));
        }

        browser.get(fixture.baseUrl() + "/login");
        browser.findElement(By.id("name")).sendKeys(WebUiFixture.USER);
        browser.findElement(By.id("password")).sendKeys(WebUiFixture.PASSWORD);
        navigate(By.id("login"));
        browser.get(fixture.baseUrl() + "/sequences?period=7d");

        WebElement section = browser.findElement(By.id("sequence-ab-test"));
        List<WebElement> variants = section.findElements(By.cssSelector("table.variants tbody tr"));
        assertThat(variants).hasSize(2);
        int sent = 0;
        int replies = 0;
        for (WebElement row : variants) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            sent += Integer.parseInt(cells.get(1).getText());
            replies += Integer.parseInt(cells.get(2).getText());
            assertThat(cells.get(5).getText()).contains("95% CI");
        }
        assertThat(sent).isEqualTo(contacts);
        assertThat(replies).isEqualTo(5);
        assertThat(section.findElement(By.cssSelector("p.verdict")).getText()).startsWith("too few to compare");
        List<WebElement> stepResults = section.findElements(By.cssSelector("table.results tbody tr"));
        assertThat(stepResults).hasSize(3);
        List<WebElement> first = stepResults.get(0).findElements(By.tagName("td"));
        assertThat(first.get(1).getText()).isEqualTo(String.valueOf(contacts));
        assertThat(first.get(2).getText()).isEqualTo("5");
        assertThat(first.get(3).getText()).isEqualTo(Math.round(500.0 / contacts) + "%");
        assertThat(first.get(4).getText()).isEqualTo(Math.round(400.0 / contacts) + "%");
        assertThat(stepResults.get(1).getText()).contains("a task for you");
        assertThat(browser.findElement(By.id("templates")).getText()).contains("intro/first", "intro/second");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);",
                section);
        screenshot("sequences.png");
    }

    private int sentSteps(String sequence) {
        return fixture.daemon.database().jdbi().withHandle(handle -> handle.createQuery("""
                        SELECT COUNT(*) FROM outbound_message o JOIN enrollment e ON e.id = o.enrollment_id
                        JOIN sequence_def s ON s.id = e.sequence_id WHERE s.name = :name AND o.state = 'sent'""")
                .bind("name", sequence).mapTo(Integer.class).one());
    }

    /** Clicks something that loads another page, and waits until the old page is gone. */
    private void navigate(By target) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> isStale(page));
    }

    /**
     * The elements on the page as it is (loaded: the caller has found something on it already), without the implicit
     * wait, which a check for no such element would always sit out.
     */
    private List<WebElement> presentNow(By target) {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return browser.findElements(target);
        } finally {
            browser.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        }
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        }
    }

    private void screenshot(String name) throws IOException {
        String directory = System.getProperty("followup.screenshots.dir");
        if (directory == null || directory.isBlank()) {
            return;
        }
        Path target = Path.of(directory).resolve(name);
        Files.createDirectories(target.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
