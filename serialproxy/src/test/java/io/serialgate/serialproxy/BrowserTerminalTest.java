package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.serialproxy.support.FakeConsoleauth;
import io.serialgate.serialproxy.support.ShellGuest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The terminal page in real headless Chromium (Debian's chromium + chromium-driver): connects
 * through serialproxy to a guest, types a command and reads the answer from xterm.js's buffer.
 * Skipped where chromium is not installed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BrowserTerminalTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final FakeConsoleauth CONSOLEAUTH = startConsoleauth();

    private static final DropwizardAppExtension<SerialproxyConfiguration> APP = new DropwizardAppExtension<>(
            SerialproxyApplication.class,
            ResourceHelpers.resourceFilePath("serialproxy-test.yml"),
            ConfigOverride.config("internal.consoleauth_url", CONSOLEAUTH::url),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", "target/browser-requests.log"));

    private WebDriver browser;
    private ShellGuest guest;
    private Path profile;

    private static FakeConsoleauth startConsoleauth() {
        try {
            return new FakeConsoleauth();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopConsoleauth() {
        CONSOLEAUTH.close();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "chromium and chromium-driver not installed");
        guest = new ShellGuest();
        profile = Files.createTempDirectory("serialgate-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1000,700", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (guest != null) {
            guest.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private String page(String path, String token) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path + "?token=" + token;
    }

    private String status() {
        return (String) ((JavascriptExecutor) browser).executeScript("return window.serialgateStatus || ''");
    }

    private String screen() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "var b = window.serialgateTerminal.buffer.active, s = '';"
                        + "for (var i = 0; i < b.length; i++) { s += b.getLine(i).translateToString(true) + '\\n'; }"
                        + "return s;");
    }

    private void awaitStatus(String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(() -> "status was: '" + status() + "'")
                .until(d -> status().equals(expected));
    }

    private void awaitScreen(String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(() -> "screen was:\n" + screen())
                .until(d -> screen().contains(expected));
    }

    private void type(String keys) {
        browser.findElement(By.cssSelector(".xterm-helper-textarea")).sendKeys(keys);
    }

    @Test
    void typingACommandShowsTheGuestsAnswer() {
        browser.get(page("/serial.html", CONSOLEAUTH.grant("127.0.0.1", guest.port())));
        awaitStatus("connected as writer");
        awaitScreen("$ ");
        type("echo hello-from-chromium\n");
        awaitScreen("\nhello-from-chromium\n");
    }

    @Test
    void aCharacterSplitAcrossFramesIsDecodedCorrectly() {
        browser.get(page("/serial.html", CONSOLEAUTH.grant("127.0.0.1", guest.port())));
        awaitStatus("connected as writer");
        type("utf8\n");
        awaitScreen("é✓");
        assertThat(screen()).doesNotContain("\uFFFD");
    }

    @Test
    void worksUnderASubPath() {
        browser.get(page("/console/prefix/serial.html", CONSOLEAUTH.grant("127.0.0.1", guest.port())));
        awaitStatus("connected as writer");
        type("echo sub-path\n");
        awaitScreen("\nsub-path\n");
    }

    @Test
    void aRefusedConsoleShowsWhy() {
        browser.get(page("/serial.html", "tok-not-issued"));
        awaitStatus("closed: invalid token");
    }

    @Test
    void theGuestHangingUpIsShownAsTheCloseReason() {
        browser.get(page("/serial.html", CONSOLEAUTH.grant("127.0.0.1", guest.port())));
        awaitStatus("connected as writer");
        type("exit\n");
        awaitStatus("closed: guest closed the port");
        assertThat(browser.findElement(By.id("reconnect")).isDisplayed()).isTrue();
    }
}
