package org.virtualvisits.analytics.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.virtualvisits.analytics.RestoreSecurityContextHolderStrategy;

/**
 * Every view and dialog, for every role, in English and in French, on a desktop and a phone
 * screen, checked with axe-core (the npm package's axe.min.js, vendored in test resources: no
 * CDN): no critical, serious or moderate violation anywhere. Also the 404 page in a real browser
 * (Karibu ignores unknown routes). Screenshots of every screen are left in
 * {@code target/e2e/screens/} ({@code docs/screenshots/} is refreshed from them).
 */
@Tag("e2e")
@ExtendWith({ReportEndToEndTest.ChromiumInstalled.class, RestoreSecurityContextHolderStrategy.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class AccessibilityEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(AccessibilityEndToEndTest.class);
    private static final Path SCREENS = Path.of("target", "e2e", "screens");
    private static final String PASSWORD = "demo-password";

    /** axe.run over the whole document; the violations that are not minor, as JSON text. */
    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            // Vaadin's own loading/connection indicator sits outside every landmark by design; it is
            // the framework's, not a page's content.
            axe.run({ exclude: [['vaadin-connection-indicator']] }, { resultTypes: ['violations'] })
              .then(r => done(JSON.stringify(r.violations.filter(v => v.impact !== 'minor').map(v => ({
                  rule: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '')
                      .replace(/\\s+/g, ' ').slice(0, 160)) })))))
              .catch(e => done('axe failed: ' + e));
            """;

    @LocalServerPort
    int port;

    private final List<String> violations = new ArrayList<>();
    private int screensChecked;

    @Test
    void everyViewAndDialogForEveryRoleInBothLanguagesHasNoViolation() throws Exception {
        String axe = axeSource();
        try (Browser browser = new Browser("http://localhost:" + port)) {
            browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            for (String language : List.of("en", "fr")) {
                browser.open("/login");
                browser.driver.manage().deleteAllCookies();
                browser.driver.manage().addCookie(new Cookie("vva-language", language));
                browser.open("/login");
                check(browser, axe, language + "-login");
                browser.open("/sign-in-refused?reason=no-role");
                check(browser, axe, language + "-sign-in-refused");

                for (String user : List.of("admin", "teams", "viewer", "cardio-viewer")) {
                    browser.signIn(user, PASSWORD, language);
                    String at = language + "-" + user;
                    reportScreens(browser, axe, at);
                    if (user.equals("admin")) {
                        adminScreens(browser, axe, at);
                    } else {
                        browser.open("/admin/users");
                        browser.waitFor(By.id("access-denied"));
                        check(browser, axe, at + "-403");
                    }
                    browser.open("/no-such-page");
                    browser.waitFor(By.id("not-found"));
                    check(browser, axe, at + "-404");
                }
            }
        }
        log.info("axe-core checked {} screens", screensChecked);
        assertThat(violations).as("axe-core violations (critical, serious, moderate)").isEmpty();
    }

    /** The report's tabs, its settings and the change-password dialog, then the report on a phone. */
    private void reportScreens(Browser browser, String axe, String at) throws IOException {
        browser.open("/?days=30");
        check(browser, axe, at + "-report");
        browser.js.executeScript("document.getElementById('visits-grid').scrollIntoView()");
        Browser.pause(Duration.ofMillis(300));
        browser.screenshot(SCREENS.resolve(at + "-report-grid.png"));
        for (String tab : List.of("tab-bookings", "tab-ehr", "tab-downloads", "tab-visits")) {
            if (!browser.driver.findElements(By.id(tab)).isEmpty()) {
                browser.driver.findElement(By.id(tab)).click();
                browser.waitForVaadin();
                check(browser, axe, at + "-" + tab);
            }
        }
        dialog(browser, axe, at + "-settings", () -> browser.driver.findElement(By.id("open-settings")).click());
        dialog(browser, axe, at + "-subscribe", () -> browser.driver.findElement(By.id("subscribe")).click());
        dialog(browser, axe, at + "-password", () -> {
            browser.js.executeScript("document.getElementById('user-menu').click()");
            browser.waitFor(By.id("change-password")).click();
        });
        browser.open("/subscriptions");
        check(browser, axe, at + "-subscriptions");
        browser.size(390, 844);
        browser.open("/?days=30");
        check(browser, axe, at + "-report-phone");
        browser.js.executeScript("document.getElementById('report-tabs').scrollIntoView()");
        Browser.pause(Duration.ofMillis(300));
        browser.screenshot(SCREENS.resolve(at + "-report-phone-tabs.png"));
        browser.size(1400, 1000);
    }

    private void adminScreens(Browser browser, String axe, String at) throws IOException {
        browser.open("/admin/users");
        check(browser, axe, at + "-users");
        dialog(browser, axe, at + "-users-new", () -> browser.driver.findElement(By.id("new-user")).click());
        browser.open("/admin/tokens");
        check(browser, axe, at + "-tokens");
        dialog(browser, axe, at + "-tokens-new", () -> browser.driver.findElement(By.id("new-token")).click());
        browser.open("/admin/organisation");
        check(browser, axe, at + "-organisation");
        browser.open("/admin/audit");
        check(browser, axe, at + "-audit");
        browser.open("/admin/teams");
        check(browser, axe, at + "-teams-connection");
    }

    private void dialog(Browser browser, String axe, String name, Runnable open) throws IOException {
        open.run();
        browser.waitFor(By.cssSelector("vaadin-dialog-overlay[opened]"));
        browser.waitForVaadin();
        check(browser, axe, name);
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.waitForVaadin();
    }

    private void check(Browser browser, String axe, String name) throws IOException {
        browser.screenshot(SCREENS.resolve(name + ".png"));
        if (Boolean.TRUE.equals(browser.js.executeScript("return typeof window.axe === 'undefined'"))) {
            browser.js.executeScript(axe);
        }
        String found = (String) browser.js.executeAsyncScript(RUN_AXE);
        screensChecked++;
        if (!"[]".equals(found)) {
            violations.add(name + ": " + found);
            log.warn("axe-core on {}: {}", name, found);
        }
    }

    private static String axeSource() throws IOException {
        try (InputStream in = AccessibilityEndToEndTest.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("axe-core in test resources").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An unknown address shows our page, inside the layout, for a signed-in user. */
    @Test
    void anUnknownAddressIsOurNotFoundPageInsideTheLayout() throws Exception {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            browser.signIn("viewer", PASSWORD, "en");
            browser.open("/no-such-page");
            assertThat(browser.waitFor(By.cssSelector("#not-found h1")).getText()).isEqualTo("Page not found");
            assertThat(browser.driver.findElements(By.cssSelector("vaadin-app-layout #not-found"))).hasSize(1);
            assertThat(browser.driver.findElement(By.cssSelector("#not-found a")).getAttribute("href"))
                    .isEqualTo(browser.base + "/");
            assertThat(browser.driver.getPageSource()).doesNotContain("Available routes");

            // The page load itself answers 404 (and a refused page 403), for crawlers and link checkers.
            String session = browser.driver.manage().getCookieNamed("JSESSIONID").getValue();
            assertThat(status(browser.base + "/no-such-page", session)).isEqualTo(404);
            assertThat(status(browser.base + "/admin/users", session)).isEqualTo(403);
            assertThat(status(browser.base + "/?days=7", session)).isEqualTo(200);
            assertThat(status(browser.base + "/no-such-page", null)).as("anonymous: to the login page").isEqualTo(302);

        }
    }

    /**
     * The keyboard alone reaches every control of the report, in order: the menu, the range and
     * "Run report", the filters, the tabs, the export button, the chart's table and the grid; each
     * focused control shows a focus ring.
     */
    @Test
    void theKeyboardAloneReachesEveryControlOfTheReport() throws Exception {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            browser.signIn("viewer", PASSWORD, "en");
            browser.open("/?days=7");
            browser.js.executeScript("document.querySelectorAll('vaadin-dev-tools, copilot-main').forEach(e => e.remove())");
            // Each stop: the ids of the focused element and of everything around it (across shadow roots),
            // and whether a focus indicator shows (Vaadin's focus-ring attribute, or an outline or shadow).
            List<List<String>> reached = new ArrayList<>();
            List<String> withoutRing = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                new Actions(browser.driver).sendKeys(Keys.TAB).perform();
                Browser.pause(Duration.ofMillis(60));
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> focused = (java.util.Map<String, Object>) browser.js.executeScript("""
                        let deepest = document.activeElement;
                        while (deepest && deepest.shadowRoot && deepest.shadowRoot.activeElement) {
                          deepest = deepest.shadowRoot.activeElement;
                        }
                        const ids = []; let ring = false;
                        for (let e = deepest; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
                          if (e.id) { ids.push(e.id); }
                          if (e.hasAttribute && (e.hasAttribute('focus-ring') || e.hasAttribute('navigating'))) { ring = true; }
                        }
                        const style = deepest ? getComputedStyle(deepest) : null;
                        if (style && (style.outlineStyle !== 'none' || style.boxShadow !== 'none')) { ring = true; }
                        return { ids, ring, tag: deepest ? deepest.tagName : '' };
                        """);
                @SuppressWarnings("unchecked")
                List<String> ids = (List<String>) focused.get("ids");
                if (ids.isEmpty() && "BODY".equals(focused.get("tag"))) {
                    break; // the end of the page
                }
                reached.add(ids);
                if (!Boolean.TRUE.equals(focused.get("ring"))) {
                    withoutRing.add(ids + " " + focused.get("tag"));
                }
            }
            log.info("Tab order: {}", reached);
            List<String> expected = List.of("range", "run-report", "open-settings", "report-filters",
                    "filter-department", "filter-kind", "filter-status", "filter-zone", "report-tabs", "export-button",
                    "chart-data", "visits-grid");
            List<Integer> stops = expected.stream().map(id -> indexOf(reached, id)).toList();
            assertThat(stops).as("first Tab stop of each of " + expected).doesNotContain(-1).isSorted();
            assertThat(withoutRing).as("focused without a visible focus indicator").isEmpty();
        }
    }

    private static int status(String url, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html");
        if (session != null) {
            request.header("Cookie", "JSESSIONID=" + session);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int indexOf(List<List<String>> stops, String id) {
        for (int i = 0; i < stops.size(); i++) {
            if (stops.get(i).contains(id)) {
                return i;
            }
        }
        return -1;
    }

    /** A wrong password empties only the password: the username is still there, the password field focused. */
    @Test
    void aFailedSignInKeepsTheUsernameInTheForm() throws Exception {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            browser.open("/login");
            browser.waitFor(By.cssSelector("vaadin-login-form input[name='username']")).sendKeys("viewer");
            browser.driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys("wrong");
            browser.driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Browser.TIMEOUT)
                    .until(d -> d.getCurrentUrl().contains("error"));
            browser.waitForVaadin();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Browser.TIMEOUT).until(d ->
                    "viewer".equals(browser.js.executeScript(
                            "return document.querySelector('vaadin-login-form input[name=username]').value")));
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d ->
                    "password".equals(browser.js.executeScript(
                            "return document.activeElement && document.activeElement.name")));
        }
    }
}
