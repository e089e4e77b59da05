package io.keyward.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/** The admin center ({@code /admin}) as a person uses it: reached through Keyward's own sign-in page (OIDC). */
final class AdminCenterPage {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String baseUrl;

    private AdminCenterPage(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /**
     * Opens {@code /admin/}, which sends the browser to Keyward's sign-in page; signs in with the passkey of
     * {@code userPrincipalName} (on the tab's virtual key) and waits to be back in the admin center.
     */
    static AdminCenterPage signInWithPasskey(ChromeDriver driver, String baseUrl, String userPrincipalName) {
        BrowserSession.clearCookies(driver);
        driver.get(baseUrl + "/admin/");
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.id("signin-name")).isEmpty());
        SignInPage page = SignInPage.attach(driver, baseUrl);
        page.enterName(userPrincipalName);
        driver.findElement(By.id("signin-user-passkey")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(baseUrl + "/admin/")
                && !d.findElements(By.tagName("main")).isEmpty());
        return new AdminCenterPage(driver, baseUrl);
    }

    void open(String page) {
        driver.get(baseUrl + "/admin/" + page);
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    boolean present(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    /** Clicks a Faces button and waits for the page that answers it. */
    void click(WebElement button) {
        WebElement main = driver.findElement(By.tagName("main"));
        button.click();
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                main.isDisplayed();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return true;
            } catch (org.openqa.selenium.WebDriverException gone) {
                // Chrome may answer for a replaced node with "Node with given id does not belong to the document".
                if (String.valueOf(gone.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw gone;
            }
        });
    }

    void click(String id) {
        click(element(id));
    }

    /** The texts of the page's messages (successes and refusals). */
    List<String> messages() {
        return driver.findElements(By.cssSelector("#messages li, #messages span")).stream().map(WebElement::getText)
                .filter(t -> !t.isBlank()).toList();
    }
}
