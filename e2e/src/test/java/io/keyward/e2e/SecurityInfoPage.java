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

    private SecurityInfoPage(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
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
        WebElement item = item(passkeyId);
        item.findElement(By.className("passkey-rename")).click();
        WebElement input = item.findElement(By.className("passkey-rename-input"));
        input.clear();
        input.sendKeys(newName);
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
        new WebDriverWait(driver, SignInPage.WAIT).until(d -> d.getCurrentUrl().endsWith("/signin"));
        return SignInPage.attach(driver, baseUrl);
    }

    private WebElement item(String passkeyId) {
        return driver.findElement(By.cssSelector("#passkeys > li.passkey[data-passkey-id='" + passkeyId + "']"));
    }

    /** One passkey as listed. */
    record Passkey(String id, String name, String model, String aaguid, String created, String lastUsed, String passkeyType,
                   String previousUpnFlag, String suspectFlag, String suspectReason) {

        Passkey(WebElement li) {
            this(li.getDomAttribute("data-passkey-id"), text(li, "passkey-name"), text(li, "passkey-model"),
                    text(li, "passkey-aaguid"), text(li, "passkey-created"), text(li, "passkey-last-used"),
                    li.findElement(By.className("passkey-type")).getDomAttribute("data-passkey-type"),
                    text(li, "passkey-flag-previous-upn"), text(li, "passkey-flag-suspect"),
                    li.findElement(By.className("passkey-flag-suspect")).getDomAttribute("data-reason"));
        }

        /** Visible text, or empty when the element is hidden. */
        private static String text(WebElement li, String cls) {
            return li.findElement(By.className(cls)).getText();
        }
    }
}
