package io.keyward.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;

/** The Security info page ({@code /myaccount} in a browser) by its element ids and classes. */
final class SecurityInfoPage {

    private final ChromeDriver driver;
    private final String baseUrl;
    private String userId = "";

    private SecurityInfoPage(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Remembers whose page this is, for checks through Graph. */
    SecurityInfoPage forUser(String id) {
        this.userId = id;
        return this;
    }

    String userId() {
        return userId;
    }

    /** The page the browser is on, once its script has loaded the account. */
    static SecurityInfoPage attach(ChromeDriver driver, String baseUrl) {
        new WebDriverWait(driver, SignInPage.WAIT).until(d -> "ready".equals(
                d.findElement(By.id("security-info")).getDomAttribute("data-state")));
        return new SecurityInfoPage(driver, baseUrl);
    }

    String userPrincipalName() {
        return driver.findElement(By.id("account-upn")).getText();
    }

    /** "Add a passkey" with the tab's virtual authenticator; the message says whether it was added or why not. */
    Message addPasskey() {
        WebElement message = driver.findElement(By.id("security-info-message"));
        driver.findElement(By.id("add-passkey")).click();
        new WebDriverWait(driver, SignInPage.WAIT).until(d -> message.isDisplayed()
                && "ready".equals(d.findElement(By.id("security-info")).getDomAttribute("data-state")));
        return message();
    }

    Message message() {
        WebElement message = driver.findElement(By.id("security-info-message"));
        return new Message(message.getDomAttribute("data-outcome"), message.getDomAttribute("data-reason"), message.getText());
    }

    List<Passkey> passkeys() {
        return driver.findElements(By.cssSelector("#passkeys > li.passkey")).stream().map(Passkey::new).toList();
    }

    /** Renames the passkey through its inline form and waits for the list to show the new name. */
    void rename(String passkeyId, String newName) {
        rename(passkeyId, newName, newName);
    }

    /** Types {@code typed} as the new name and waits for the list to show {@code shown}. */
    void rename(String passkeyId, String typed, String newName) {
        WebElement item = item(passkeyId);
        item.findElement(By.className("passkey-rename")).click();
        WebElement input = item.findElement(By.className("passkey-rename-input"));
        input.clear();
        input.sendKeys(typed);
        item.findElement(By.className("passkey-rename-save")).click();
        new WebDriverWait(driver, SignInPage.WAIT).ignoring(StaleElementReferenceException.class).until(d -> passkeys().stream()
                .anyMatch(p -> p.id().equals(passkeyId) && p.name().equals(newName)));
    }

    /** Deletes the passkey (delete, then confirm) and waits until it is gone from the list. */
    void delete(String passkeyId) {
        WebElement item = item(passkeyId);
        item.findElement(By.className("passkey-delete")).click();
        item.findElement(By.className("passkey-delete-confirm")).click();
        new WebDriverWait(driver, SignInPage.WAIT).ignoring(StaleElementReferenceException.class).until(d -> passkeys().stream().noneMatch(p -> p.id().equals(passkeyId)));
    }

    /** Reloads the page (what a user sees after an administrator changed something). */
    SecurityInfoPage reload() {
        driver.get(baseUrl + "/myaccount");
        return attach(driver, baseUrl);
    }

    /** "Sign out", which leads to the sign-in page. */
    SignInPage signOut() {
        driver.findElement(By.id("sign-out")).click();
        new WebDriverWait(driver, SignInPage.WAIT).until(d -> d.getCurrentUrl().contains("/signin"));
        return SignInPage.attach(driver, baseUrl);
    }

    /** Whether "Add a passkey" is offered; when not, {@link #addUnavailable()} says why. */
    boolean addOffered() {
        return driver.findElement(By.id("add-passkey")).isDisplayed();
    }

    /** The sentence shown instead of "Add a passkey", with its reason code. */
    Message addUnavailable() {
        WebElement notice = driver.findElement(By.id("add-passkey-unavailable"));
        return new Message(notice.isDisplayed() ? "unavailable" : "", notice.getDomAttribute("data-reason"), notice.getText());
    }

    boolean welcomeShown() {
        return driver.findElement(By.id("welcome")).isDisplayed();
    }

    /** The id of the element that has the keyboard focus, or its class when it has no id. */
    String focused() {
        WebElement active = driver.switchTo().activeElement();
        String id = active.getDomAttribute("id");
        return id != null && !id.isEmpty() ? "#" + id : "." + active.getDomAttribute("class");
    }

    /** The passkey item the focused element is in, or empty. */
    String focusedPasskeyId() {
        Object id = driver.executeScript("const li = document.activeElement.closest('li.passkey'); return li ? li.dataset.passkeyId : '';");
        return String.valueOf(id);
    }

    private WebElement item(String passkeyId) {
        return driver.findElement(By.cssSelector("#passkeys > li.passkey[data-passkey-id='" + passkeyId + "']"));
    }

    /** One passkey as listed. */
    record Passkey(String id, String name, String model, String aaguid, String created, String lastUsed, String passkeyType,
                   String previousUpnFlag, String suspectFlag, String suspectReason, String kind, String kindLabel,
                   String state, String stateReason, String stateText) {

        Passkey(WebElement li) {
            this(li.getDomAttribute("data-passkey-id"), text(li, "passkey-name"), text(li, "passkey-model"),
                    // Behind "Details for your help desk", closed: read the text that is there, not the text shown.
                    li.findElement(By.className("passkey-aaguid")).getDomProperty("textContent"),
                    text(li, "passkey-created"), text(li, "passkey-last-used"),
                    li.findElement(By.className("passkey-type")).getDomAttribute("data-passkey-type"),
                    text(li, "passkey-flag-previous-upn"), text(li, "passkey-flag-suspect"),
                    li.findElement(By.className("passkey-flag-suspect")).getDomAttribute("data-reason"),
                    li.getDomAttribute("data-kind"), text(li, "passkey-type"),
                    li.getDomAttribute("data-state"), li.findElement(By.className("passkey-state")).getDomAttribute("data-reason"),
                    text(li, "passkey-state") + " " + text(li, "passkey-state-message"));
        }

        /** Visible text, or empty when the element is hidden. */
        private static String text(WebElement li, String cls) {
            return li.findElement(By.className(cls)).getText();
        }
    }
}
