package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The terminal page in headless Chromium: Debian's chromium and chromedriver given by path, so
 * Selenium downloads nothing. Reads what the terminal shows from xterm.js's own buffer.
 */
final class BrowserConsole implements AutoCloseable {

    /** Every line of the terminal's active buffer (scrollback included), trailing blanks trimmed. */
    private static final String READ_BUFFER = """
            var t = window.serialgateTerminal;
            if (!t) { return null; }
            var b = t.buffer.active, lines = [];
            for (var i = 0; i < b.length; i++) { var l = b.getLine(i); if (l) { lines.push(l.translateToString(true)); } }
            return lines.join('\\n');
            """;

    private final ChromeDriver driver;
    private final Path profile;

    BrowserConsole() throws IOException {
        profile = Files.createTempDirectory("serialgate-e2e-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Prerequisites.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Prerequisites.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    void open(String url) {
        driver.get(url);
    }

    /** window.serialgateStatus, the status line the page shows ("connected as writer", "closed: ..."). */
    String status() {
        Object status = driver.executeScript("return window.serialgateStatus || null;");
        return status == null ? "" : status.toString();
    }

    String screen() {
        Object text = driver.executeScript(READ_BUFFER);
        return text == null ? "" : text.toString();
    }

    /** Types into the terminal as a user does: keys into xterm's input element. */
    void type(String text) {
        driver.findElement(By.cssSelector(".xterm-helper-textarea")).sendKeys(text);
    }

    void pressEnter() {
        driver.findElement(By.cssSelector(".xterm-helper-textarea")).sendKeys(Keys.ENTER);
    }

    String awaitStatus(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = status();
        while (!condition.test(status)) {
            assertThat(System.nanoTime()).as("page status after %s: \"%s\"", timeout, status).isLessThan(deadline);
            Thread.sleep(100);
            status = status();
        }
        return status;
    }

    String awaitScreen(Predicate<String> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            assertThat(System.nanoTime()).as("terminal never showed %s within %s; it shows:%n%s", what, timeout, screen)
                    .isLessThan(deadline);
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    /** A PNG of the page, for failure artifacts. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            System.err.println("e2e: browser screenshot kept in " + file.toAbsolutePath());
        } catch (Exception e) {
            System.err.println("e2e: no screenshot: " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory
            }
        }
    }
}
