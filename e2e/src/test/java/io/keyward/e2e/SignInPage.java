package io.keyward.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/** The sign-in page ({@code /signin}) by its element ids. */
final class SignInPage {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String baseUrl;

    private SignInPage(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static SignInPage open(ChromeDriver driver, String baseUrl) {
        driver.get(baseUrl + "/signin");
        return attach(driver, baseUrl);
    }

    /** The sign-in page the browser is on. */
    static SignInPage attach(ChromeDriver driver, String baseUrl) {
        SignInPage page = new SignInPage(driver, baseUrl);
        // The page has started (or ruled out) the autofill request once this attribute leaves "pending"; the
        // autofill may even have signed in already.
        // The autofill can sign in, and navigate away, while the attribute is being read: try again then.
        new WebDriverWait(driver, WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> page.onSecurityInfo() || !"pending".equals(page.conditionalUi()));
        return page;
    }

    /** Waits until the page signed in by itself (a passkey taken from the autofill) and shows Security info. */
    SecurityInfoPage awaitSignedInFromAutofill() {
        new WebDriverWait(driver, WAIT).until(d -> onSecurityInfo());
        return SecurityInfoPage.attach(driver, baseUrl);
    }

    /** {@code started} when the page offered passkeys in the user-name autofill, {@code unavailable} otherwise. */
    String conditionalUi() {
        return driver.findElement(By.id("signin-name-form")).getDomAttribute("data-conditional-ui");
    }

    String userNameAutocomplete() {
        return driver.findElement(By.id("signin-name")).getDomAttribute("autocomplete");
    }

    /** "Sign in with a passkey": usernameless, the authenticator chooses the account. */
    Outcome signInWithPasskey() {
        driver.findElement(By.id("signin-passkey")).click();
        return outcome();
    }

    /**
     * "Sign in with a passkey" on the page an app sent the browser to: the page then continues to the app, which the
     * caller waits for ({@link SampleOidcApp}).
     */
    void choosePasskey() {
        driver.findElement(By.id("signin-passkey")).click();
    }

    /** Types the name, Next, "Sign in with a passkey": the server offers only this user's credentials. */
    Outcome signInWithPasskeyAs(String userPrincipalName) {
        enterName(userPrincipalName);
        driver.findElement(By.id("signin-user-passkey")).click();
        return outcome();
    }

    Outcome signInWithTemporaryAccessPass(String userPrincipalName, String pass) {
        submitTemporaryAccessPass(userPrincipalName, pass);
        return outcome();
    }

    /**
     * Name, "Other ways", the Temporary Access Pass, Submit — on the page an app sent the browser to, which then
     * continues to the app (the caller waits for it) or shows a refusal.
     */
    void submitTemporaryAccessPass(String userPrincipalName, String pass) {
        enterName(userPrincipalName);
        otherWays();
        driver.findElement(By.id("signin-choose-tap")).click();
        driver.findElement(By.id("signin-tap")).sendKeys(pass);
        driver.findElement(By.id("signin-tap-submit")).click();
    }

    Outcome signInWithPassword(String userPrincipalName, String password) {
        enterName(userPrincipalName);
        otherWays();
        driver.findElement(By.id("signin-choose-password")).click();
        driver.findElement(By.id("signin-password")).sendKeys(password);
        driver.findElement(By.id("signin-password-submit")).click();
        return outcome();
    }

    /** "Other ways to sign in", after the name. */
    void otherWays() {
        driver.findElement(By.id("signin-other-ways")).click();
    }

    boolean passwordOffered() {
        return driver.findElement(By.id("signin-password")).isDisplayed();
    }

    /** The step the page shows ({@code data-step}: name, passkey, other, tap, password). */
    String step() {
        return driver.findElement(By.id("signin")).getDomAttribute("data-step");
    }

    /** The labels of the buttons and the form fields a person can see now. */
    List<String> visibleControls() {
        return driver.findElements(By.cssSelector("#signin button, #signin input")).stream().filter(WebElement::isDisplayed)
                .map(e -> e.getTagName().equals("input") ? "input#" + e.getDomAttribute("id") : e.getText().lines().findFirst().orElse(""))
                .toList();
    }

    /** The message the page shows, if any. */
    Message message() {
        WebElement message = driver.findElement(By.id("signin-message"));
        return new Message(message.getDomAttribute("data-outcome"), message.getDomAttribute("data-reason"), message.getText());
    }

    /** The id of the element that has the keyboard focus. */
    String focusedId() {
        return driver.switchTo().activeElement().getDomAttribute("id");
    }

    void enterName(String userPrincipalName) {
        WebElement name = driver.findElement(By.id("signin-name"));
        name.clear();
        name.sendKeys(userPrincipalName);
        driver.findElement(By.id("signin-next")).click();
    }

    /** Waits for the page to go to Security info or to show a message, whichever comes first. */
    private Outcome outcome() {
        Message refusal = new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            if (onSecurityInfo()) {
                return NONE;
            }
            List<WebElement> message = d.findElements(By.id("signin-message"));
            return !message.isEmpty() && message.get(0).isDisplayed() ? new Message(message.get(0).getDomAttribute("data-outcome"),
                    message.get(0).getDomAttribute("data-reason"), message.get(0).getText()) : null;
        });
        return refusal == NONE ? new Outcome(SecurityInfoPage.attach(driver, baseUrl), null) : new Outcome(null, refusal);
    }

    private static final Message NONE = new Message("", "", "");

    private boolean onSecurityInfo() {
        return driver.getCurrentUrl().contains("/myaccount");
    }

    /** Signed in (on Security info) or refused with a message. */
    record Outcome(SecurityInfoPage securityInfo, Message refusal) {

        boolean signedIn() {
            return securityInfo != null;
        }

        @Override
        public String toString() {
            return signedIn() ? "signed in" : "refused: " + refusal;
        }
    }
}
