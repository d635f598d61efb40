package org.virtualvisits.analytics.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its own ChromeDriver (nothing downloaded), with what the
 * browser tests share: sign in through the login form, wait until Vaadin is idle, resize to a
 * phone, choose the language, keep a screenshot.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** True when no Flow client has a request in flight (and Flow has booted). */
    static final String VAADIN_IDLE = """
            const flow = window.Vaadin && window.Vaadin.Flow;
            if (!flow || !flow.clients || Object.keys(flow.clients).length === 0) { return false; }
            return Object.values(flow.clients).every(c => !c.isActive || !c.isActive());
            """;

    final String base;
    final WebDriver driver;
    final JavascriptExecutor js;
    private final ChromeDriverService service;
    private final Path profile;

    Browser(String base) throws IOException {
        this.base = base;
        profile = Files.createTempDirectory("vva-e2e-chromium");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", "--lang=en-US", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        driver = new ChromeDriver(service, options);
        js = (JavascriptExecutor) driver;
    }

    void open(String path) {
        driver.get(base + path);
        waitForVaadin();
    }

    /** Signs out whoever was signed in, picks the language (the app's own cookie) and signs in. */
    void signIn(String username, String password, String language) {
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        driver.manage().addCookie(new Cookie("vva-language", language));
        driver.get(base + "/login");
        WebElement user = waitFor(By.cssSelector("vaadin-login-form input[name='username']"));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
        waitFor(By.id("run-report"));
        waitForVaadin();
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, TIMEOUT).until(d -> {
            var found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    void waitForVaadin() {
        new WebDriverWait(driver, TIMEOUT).until(d -> Boolean.TRUE.equals(js.executeScript(VAADIN_IDLE)));
        // Let the components finish their own rendering (overlays opening, charts drawing).
        pause(Duration.ofMillis(400));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A screenshot as a user of the packaged application sees it: without Vaadin's development-mode tools. */
    void screenshot(Path file) throws IOException {
        js.executeScript("document.querySelectorAll('vaadin-dev-tools, copilot-main').forEach(e => e.remove())");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
