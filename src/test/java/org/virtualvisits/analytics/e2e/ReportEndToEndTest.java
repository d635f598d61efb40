package org.virtualvisits.analytics.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.virtualvisits.analytics.RestoreSecurityContextHolderStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The report in a real browser (Debian's headless Chromium through its own ChromeDriver;
 * nothing is downloaded, Selenium Manager never runs): sign in, run a 30-day report, read the
 * ECharts chart inside {@code <vva-chart>}'s shadow root, hide a series through its legend
 * entry, and check the grid against the database (PRODUCT.md §3).
 *
 * <p>Skipped, with a message, where Chromium or ChromeDriver is not installed
 * ({@code .ci/run} installs both). Paths can be overridden with {@code -De2e.chromium=...}
 * and {@code -De2e.chromedriver=...}. On failure a screenshot and the page source are left
 * in {@code target/e2e/}.
 */
@Tag("e2e")
// Both before Spring's extension: no Spring context without a browser; the strategy saved before it starts.
@ExtendWith({ReportEndToEndTest.ChromiumInstalled.class, RestoreSecurityContextHolderStrategy.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Logs Vaadin's check that the committed dev bundle (src/main/bundles) is used as is.
        properties = "logging.level.com.vaadin.flow.server.frontend.BundleValidationUtil=INFO")
@ActiveProfiles("test")
@DirtiesContext // this context (its own server and database) is not used by any other test: free it
class ReportEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(ReportEndToEndTest.class);

    private static final Path CHROMIUM = Browser.CHROMIUM;
    private static final Path CHROMEDRIVER = Browser.CHROMEDRIVER;
    private static final Path ARTIFACTS = Path.of("target", "e2e");
    private static final Duration TIMEOUT = Browser.TIMEOUT;
    private static final DateTimeFormatter GRID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * What the ECharts SVG renderer drew inside the chart's shadow root. A legend item is a
     * text plus icon paths drawn at the same translate(); a series line is a path without a
     * transform whose stroke is a legend colour; a symbol (data point) is a path placed with a
     * matrix() transform in a legend colour.
     */
    private static final String READ_CHART = """
            const svg = arguments[0].shadowRoot && arguments[0].shadowRoot.querySelector('svg');
            if (!svg) { return null; }
            const paths = [...svg.querySelectorAll('path')];
            const legend = [...svg.querySelectorAll('text')].map(t => {
              const at = t.getAttribute('transform');
              const icon = at && paths.find(p => p.getAttribute('transform') === at && p.getAttribute('stroke'));
              return icon ? { name: t.textContent.trim(), textFill: t.getAttribute('fill'),
                              iconStroke: icon.getAttribute('stroke') } : null;
            }).filter(x => x);
            const colours = new Set(legend.map(l => l.iconStroke));
            const lines = paths.filter(p => !p.getAttribute('transform') && colours.has(p.getAttribute('stroke')))
              .map(p => ({ stroke: p.getAttribute('stroke'), points: (p.getAttribute('d').match(/[ML]/g) || []).length }));
            const symbols = paths.filter(p => (p.getAttribute('transform') || '').startsWith('matrix')
                && colours.has(p.getAttribute('stroke'))).map(p => p.getAttribute('stroke'));
            return { legend, lines, symbols };
            """;

    /** The text of the chart's visible tooltip (a div ECharts adds beside its SVG), or null. */
    private static final String READ_TOOLTIP = """
            const root = arguments[0].shadowRoot;
            const tip = root && [...root.querySelectorAll('div')].find(d => d.style.zIndex
                && getComputedStyle(d).display !== 'none' && getComputedStyle(d).visibility !== 'hidden'
                && d.textContent.trim() !== '');
            return tip ? tip.textContent.trim() : null;
            """;

    /** Header texts and the cells of the row with index 0, read through the grid's shadow root. */
    private static final String READ_FIRST_ROW = """
            const grid = document.getElementById('visits-grid');
            const text = cell => {
              const slot = cell.querySelector('slot');
              const content = slot && slot.assignedElements()[0];
              return content ? content.textContent.trim() : '';
            };
            const header = [...grid.shadowRoot.querySelectorAll('#header tr:last-child th')].map(text);
            const row = [...grid.shadowRoot.querySelectorAll('#items tr')]
              .find(r => r.index === 0 && !r.hidden && !r.hasAttribute('loading'));
            return row ? { header, cells: [...row.querySelectorAll('td')].map(text) } : null;
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;
    private WebDriver driver;
    private JavascriptExecutor js;
    private long started;

    @BeforeEach
    void startBrowser() throws IOException {
        started = System.nanoTime();
        Files.createDirectories(ARTIFACTS);
        browser = new Browser("http://localhost:" + port);
        driver = browser.driver;
        js = browser.js;
        step("browser started");
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void viewerRunsAThirtyDayReportHidesASeriesAndTheGridFollowsTheDatabase(TestInfo test) throws Exception {
        try {
            scenario();
        } catch (Throwable failure) {
            keepEvidence(test.getTestMethod().orElseThrow().getName());
            throw failure;
        }
    }

    private void scenario() throws IOException, InterruptedException {
        String base = "http://localhost:" + port;

        // 1. Anonymous: the report (asked for with 7 days) sends the browser to the login page.
        driver.get(base + "/?days=7");
        WebElement username = waitFor(By.cssSelector("vaadin-login-form input[name='username']"));
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        step("login page");
        // The tab icon is served to anonymous visitors (the login page links it).
        for (String icon : List.of("/favicon.ico", "/icons/icon.png")) {
            var answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + icon)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(icon).isEqualTo(200);
            assertThat(answer.body()).as(icon).isNotEmpty();
        }
        assertThat(driver.getPageSource()).contains("icons/icon.png");

        // 2. Sign in as the report viewer; back on the report asked for.
        username.sendKeys("viewer");
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("demo-password");
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
        waitFor(By.id("run-report"));
        waitForVaadin();
        assertThat(driver.getCurrentUrl()).doesNotContain("/login").contains("days=7");
        step("signed in");

        // 3. "Last 30 days", "Run report": the URL and the chart follow.
        driver.findElement(By.id("range")).click();
        waitFor(By.xpath("//vaadin-select-item[normalize-space()='Last 30 days']")).click();
        waitUntil("the range select shows 'Last 30 days'", d -> assertThat(
                (String) js.executeScript("return arguments[0].querySelector('[slot=value]').textContent.trim()",
                        d.findElement(By.id("range")))).isEqualTo("Last 30 days"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        driver.findElement(By.id("run-report")).click();
        waitUntil("the report ran for 30 days", d -> assertThat(d.getCurrentUrl()).contains("days=30"));
        waitForVaadin();

        WebElement chart = driver.findElement(By.id("chart"));
        Map<String, Object> before = waitUntil("the chart drew 3 series over 30 days", d -> {
            Map<String, Object> drawn = readChart(chart);
            assertThat(legendNames(drawn)).containsExactly("Total", "Bookings", "EHR");
            assertThat(lines(drawn)).hasSize(3).allSatisfy(line -> assertThat(line.get("points")).isEqualTo(30L));
            return drawn;
        });
        String ehrColour = (String) legendItem(before, "EHR").get("iconStroke");
        String ehrTextFill = (String) legendItem(before, "EHR").get("textFill");
        assertThat(lineColours(before)).contains(ehrColour).doesNotHaveDuplicates();
        assertThat(symbols(before)).filteredOn(ehrColour::equals).hasSize(30);
        step("30-day report drawn");

        // 3b. Hovering the plot shows the tooltip: the day under the pointer and each series' value.
        new Actions(driver).moveToElement(chart).perform();
        String tooltip = waitUntil("the tooltip shows a day and the three series", d -> {
            String text = (String) js.executeScript(READ_TOOLTIP, chart);
            assertThat(text).isNotNull().containsPattern("\\d{4}-\\d{2}-\\d{2}")
                    .contains("Total", "Bookings", "EHR");
            return text;
        });
        String day = tooltip.replaceAll("(?s).*?(\\d{4}-\\d{2}-\\d{2}).*", "$1");
        assertThat(LocalDate.parse(day)).isBetween(today.minusDays(29), today);
        moveOffTheChart();
        step("tooltip shown: " + tooltip.replaceAll("\\s+", " "));

        // 4. The grid: one row per visit of the range in the database.
        long expected = visitsInDatabase(today.minusDays(29), today);
        assertThat(expected).as("demo visits in the last 30 days").isPositive();
        long gridSize = waitUntil("the grid counted " + expected + " rows", d -> {
            assertThat(gridSize()).isEqualTo(expected);
            return gridSize();
        });

        // 5. Click the EHR legend entry: only the EHR series disappears, in the browser.
        legendLabel(chart, "EHR").click();
        moveOffTheChart();
        Map<String, Object> hidden = waitUntil("the EHR series is hidden", d -> {
            Map<String, Object> drawn = readChart(chart);
            assertThat(lineColours(drawn)).hasSize(2).doesNotContain(ehrColour);
            assertThat(symbols(drawn)).doesNotContain(ehrColour).hasSize(60);
            assertThat(legendItem(drawn, "EHR").get("textFill")).as("EHR legend text (inactive)")
                    .isNotEqualTo(ehrTextFill);
            return drawn;
        });
        assertThat(legendNames(hidden)).containsExactly("Total", "Bookings", "EHR");
        assertThat(lineColours(hidden)).containsExactlyInAnyOrderElementsOf(
                lineColours(before).stream().filter(c -> !c.equals(ehrColour)).toList());
        waitForVaadin();
        assertThat(gridSize()).as("grid rows after the legend toggle").isEqualTo(gridSize);
        step("EHR series hidden, grid unchanged");

        // 6. The first row: earliest visit of the range (default sort: start time, then meeting id).
        Map<String, Object> firstVisit = firstVisitInDatabase(today.minusDays(29), today);
        Map<String, Object> firstRow = waitUntil("the grid shows its first row", d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) js.executeScript(READ_FIRST_ROW);
            assertThat(row).isNotNull();
            assertThat(strings(row.get("cells"))).first().asString().isNotBlank();
            return row;
        });
        List<String> header = strings(firstRow.get("header"));
        List<String> cells = strings(firstRow.get("cells"));
        assertThat(header).startsWith("Start time (UTC)", "Meeting ID");
        assertThat(cells.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")
                .isEqualTo(GRID_TIME.format(((Timestamp) firstVisit.get("start_time")).toInstant()
                        .atZone(ZoneOffset.UTC)));
        assertThat(cells.get(1)).isNotBlank().isEqualTo(firstVisit.get("meeting_id"));
        step("first grid row checked");

        // 7. The legend entry shows the series again (pointer moved off the legend first: hovering
        //    a legend entry highlights its series in another shade).
        legendLabel(chart, "EHR").click();
        moveOffTheChart();
        waitUntil("the EHR series is shown again", d -> {
            Map<String, Object> drawn = readChart(chart);
            assertThat(lineColours(drawn)).containsExactlyInAnyOrderElementsOf(lineColours(before));
            assertThat(legendItem(drawn, "EHR").get("textFill")).isEqualTo(ehrTextFill);
            return drawn;
        });
        waitForVaadin();
        assertThat(gridSize()).isEqualTo(gridSize);
        step("EHR series shown again");

        // 8. A custom range typed as the page writes dates (ISO), into prefilled fields: replaced, not appended.
        driver.findElement(By.id("range")).click();
        waitFor(By.xpath("//vaadin-select-item[normalize-space()='Custom range']")).click();
        LocalDate from = today.minusDays(20);
        LocalDate to = today.minusDays(10);
        typeDate("from", from.toString());
        typeDate("to", to.toString());
        driver.findElement(By.id("run-report")).click();
        waitUntil("the custom range ran", d -> assertThat(d.getCurrentUrl())
                .contains("from=" + from).contains("to=" + to));
        waitForVaadin();
        waitUntil("the grid counted the custom range's visits", d -> {
            assertThat(gridSize()).isEqualTo(visitsInDatabase(from, to));
            return true;
        });
        assertThat((String) js.executeScript("return arguments[0].inputElement.value",
                driver.findElement(By.id("from")))).isEqualTo(from.toString());
        step("custom range typed as ISO dates");
    }

    /** Types a date into a date picker's text field as a person would: select what is there, type, Enter. */
    private void typeDate(String id, String text) {
        WebElement input = waitFor(By.id(id)).findElement(By.cssSelector("input"));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.ENTER);
        waitUntil(id + " holds " + text, d -> {
            assertThat((String) js.executeScript("return arguments[0].value", d.findElement(By.id(id))))
                    .isEqualTo(text);
            return true;
        });
    }

    // --- the database -----------------------------------------------------------------------

    private long visitsInDatabase(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select count(*) from visit v join organisation o on o.id = v.organisation_id
                        where o.slug = 'default' and v.start_time >= :from and v.start_time < :to""")
                .param("from", utcMidnight(from)).param("to", utcMidnight(to.plusDays(1)))
                .query(Long.class).single();
    }

    private Map<String, Object> firstVisitInDatabase(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select v.meeting_id, v.start_time from visit v join organisation o on o.id = v.organisation_id
                        where o.slug = 'default' and v.start_time >= :from and v.start_time < :to
                        order by v.start_time, v.meeting_id limit 1""")
                .param("from", utcMidnight(from)).param("to", utcMidnight(to.plusDays(1)))
                .query().singleRow();
    }

    private static Timestamp utcMidnight(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    // --- the page -----------------------------------------------------------------------------

    private void step(String what) {
        log.info("e2e: {} after {} ms", what, (System.nanoTime() - started) / 1_000_000);
    }

    private WebElement waitFor(By locator) {
        return browser.waitFor(locator);
    }

    private void waitForVaadin() {
        new WebDriverWait(driver, TIMEOUT).withMessage("Vaadin still busy")
                .until(d -> Boolean.TRUE.equals(js.executeScript(Browser.VAADIN_IDLE)));
    }

    /** Polls until the block's assertions hold and returns its value; on timeout the last assertion error is the cause. */
    private <T> T waitUntil(String what, Function<WebDriver, T> check) {
        List<T> result = new ArrayList<>(1);
        new WebDriverWait(driver, TIMEOUT).withMessage(what).ignoring(AssertionError.class).until(d -> {
            T value = check.apply(d);
            result.clear();
            result.add(value);
            return true;
        });
        return result.get(0);
    }

    /** The legend label (an SVG text in the chart's shadow root); ECharts hit-tests the click itself. */
    private static WebElement legendLabel(WebElement chart, String name) {
        return chart.getShadowRoot().findElements(By.cssSelector("svg text")).stream()
                .filter(t -> t.getText().trim().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no legend label " + name));
    }

    private void moveOffTheChart() {
        new Actions(driver).moveToElement(driver.findElement(By.id("generated"))).perform();
    }

    private long gridSize() {
        Object size = js.executeScript("return document.getElementById('visits-grid').size;");
        return size == null ? -1 : ((Number) size).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readChart(SearchContext chart) {
        Map<String, Object> drawn = (Map<String, Object>) js.executeScript(READ_CHART, chart);
        assertThat(drawn).as("the chart's SVG").isNotNull();
        return drawn;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> legend(Map<String, Object> drawn) {
        return (List<Map<String, Object>>) drawn.get("legend");
    }

    private static List<String> legendNames(Map<String, Object> drawn) {
        return legend(drawn).stream().map(l -> (String) l.get("name")).toList();
    }

    private static Map<String, Object> legendItem(Map<String, Object> drawn, String name) {
        return legend(drawn).stream().filter(l -> name.equals(l.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no legend entry " + name + " in " + legend(drawn)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> drawn) {
        return (List<Map<String, Object>>) drawn.get("lines");
    }

    private static List<String> lineColours(Map<String, Object> drawn) {
        return lines(drawn).stream().map(l -> (String) l.get("stroke")).toList();
    }

    private static List<String> symbols(Map<String, Object> drawn) {
        return strings(drawn.get("symbols"));
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        ((List<?>) list).forEach(o -> strings.add(o == null ? null : o.toString()));
        return strings;
    }

    private void keepEvidence(String name) {
        try {
            Files.write(ARTIFACTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(ARTIFACTS.resolve(name + ".html"), driver.getPageSource());
        } catch (RuntimeException | IOException e) {
            // evidence is best effort; the test's own failure is what matters
        }
    }

    /**
     * Skips each test, with the reason, where Chromium or ChromeDriver is missing; checked
     * before the test instance exists, so no Spring context is started for nothing (an
     * assumption in {@code @BeforeAll} would skip the class without any message in Surefire's
     * report).
     */
    static class ChromiumInstalled implements TestInstancePreConstructCallback {

        @Override
        public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
            assumeTrue(Files.isExecutable(CHROMIUM), () -> "End-to-end test skipped: no Chromium at " + CHROMIUM
                    + " (install Debian's 'chromium' package, as .ci/run does, or pass -De2e.chromium=...)");
            assumeTrue(Files.isExecutable(CHROMEDRIVER), () -> "End-to-end test skipped: no ChromeDriver at "
                    + CHROMEDRIVER + " (install Debian's 'chromium-driver' package, as .ci/run does, or pass"
                    + " -De2e.chromedriver=...)");
        }
    }
}
