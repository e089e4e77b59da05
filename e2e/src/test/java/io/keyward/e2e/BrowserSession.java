package io.keyward.e2e;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (explicit paths: Selenium Manager never downloads
 * anything), with a fresh profile directory, plus the virtual authenticators a scenario adds to its tab.
 */
final class BrowserSession implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("keyward.e2e.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("keyward.e2e.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final List<VirtualKey> keys = new ArrayList<>();

    private BrowserSession(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static BrowserSession open() throws IOException {
        Path profile = Files.createTempDirectory("keyward-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // As root Chromium needs --no-sandbox; the rest keeps a CI run quiet, offline and reproducible.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(logDirectory().resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new BrowserSession(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A CTAP2 device-bound passkey provider (Selenium's virtual authenticator API): UV capable, user verified. */
    VirtualKey addSecurityKey() {
        return track(VirtualKey.deviceBound(driver));
    }

    /** A synced passkey provider: backup eligible and backed up (BE=1, BS=1), which only CDP can set up. */
    VirtualKey addSyncedPasskeyProvider() {
        return track(VirtualKey.platform(driver, true));
    }

    /** A device-bound platform authenticator (transport internal), whose passkeys Chrome offers in the autofill. */
    VirtualKey addPlatformAuthenticator() {
        return track(VirtualKey.platform(driver, false));
    }

    private VirtualKey track(VirtualKey key) {
        keys.add(key);
        return key;
    }

    /** Leaves the pages and drops every cookie (Keyward's, an app's, the admin center's), keeping the authenticators. */
    void endSession() {
        driver.get("about:blank");
        clearCookies(driver);
    }

    /** Between scenarios: no authenticators, no cookies of any site, a blank page. */
    void reset() {
        keys.forEach(VirtualKey::remove);
        keys.clear();
        endSession();
    }

    /**
     * Empties the browser's whole cookie jar, whatever the cookies' sites and paths, and checks it is empty. WebDriver's
     * deleteAllCookies deletes only the current page's cookies (none on about:blank, not the admin center's
     * {@code /admin} cookie from another page), so this goes through the DevTools protocol.
     */
    static void clearCookies(ChromeDriver driver) {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        Object left = driver.executeCdpCommand("Storage.getCookies", Map.of()).get("cookies");
        if (!(left instanceof List<?> cookies) || !cookies.isEmpty()) {
            throw new IllegalStateException("the browser still holds cookies after clearing them: " + left);
        }
    }

    /** The screenshot and HTML of the current page, for a failed scenario. */
    void saveEvidence(String name) {
        Path directory = logDirectory();
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(directory.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource(),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the browser evidence of " + name + ": " + e);
        }
    }

    static Path logDirectory() {
        Path directory = Path.of(System.getProperty("keyward.e2e.logs", "target/e2e-logs"));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + directory, e);
        }
    }

    /** Executes a Chrome DevTools Protocol command on the tab ({@code WebAuthn.*}). */
    static Map<String, Object> cdp(ChromeDriver driver, String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> paths = Files.walk(profile)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException ignored) {
                // Chromium may still be writing its profile while it exits; the temp directory is cleaned up later.
            }
        }
    }
}
