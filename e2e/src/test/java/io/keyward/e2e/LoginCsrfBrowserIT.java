package io.keyward.e2e;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login and logout CSRF as the security review confirmed them in Chromium: a page on another site (here
 * {@code http://127.0.0.1:PORT}, while Keyward is {@code http://localhost:PORT}) auto-submits a {@code text/plain}
 * form whose body is JSON. Keyward must neither sign the victim's browser in as the attacker nor sign it out.
 */
class LoginCsrfBrowserIT extends BrowserScenario {

    private HttpServer attackerSite;
    private final AtomicReference<String> attackerPage = new AtomicReference<>("");

    @BeforeAll
    void startAttackerSite() throws IOException {
        attackerSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attackerSite.createContext("/", exchange -> {
            byte[] page = attackerPage.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attackerSite.start();
    }

    @AfterAll
    void stopAttackerSite() {
        if (attackerSite != null) {
            attackerSite.stop(0);
        }
    }

    @Test
    void anotherSitesFormCannotSignTheVictimInAsTheAttacker() throws Exception {
        KeywardAdmin.User attacker = admin.newMember("csrf-attacker");
        browser.driver().get(baseUrl + "/signin");
        browser.driver().manage().deleteAllCookies();
        attackerPage.set(autoSubmittingForm("/signin/temporary-access-pass",
                "{\"userPrincipalName\":\"" + attacker.userPrincipalName() + "\",\"temporaryAccessPass\":\"" + attacker.temporaryAccessPass()
                        + "\",\"x\":\"", "\"}"));

        visitAttackerSite();
        String answer = pageText();

        assertThat(answer).as("what Keyward answered the form").contains("crossSiteRequestRefused");
        assertThat(sessionCookies()).as("no session cookie after the cross-site form").isEmpty();
        assertThat(admin.signInRefusalReasons(attacker.id())).as("the attempt never reached the sign-in").isEmpty();
    }

    @Test
    void anotherSitesFormCannotSignTheVictimOut() throws Exception {
        KeywardAdmin.User victim = admin.newMember("csrf-victim");
        signInWithTemporaryAccessPass(victim);
        Set<String> before = sessionCookies();
        assertThat(before).as("signed in before the attack").isNotEmpty();
        attackerPage.set(autoSubmittingForm("/signin/signout", "{\"x\":\"", "\"}"));

        visitAttackerSite();

        assertThat(sessionCookies()).as("the victim's session survives the cross-site sign-out").isEqualTo(before);
        browser.driver().get(baseUrl + "/myaccount");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> d.getPageSource().contains(victim.userPrincipalName()));
    }

    /** An HTML page that posts {@code name=value} as text/plain (which reads as JSON) to Keyward as soon as it loads. */
    private String autoSubmittingForm(String path, String name, String value) {
        return "<!doctype html><html><body><form method=\"post\" enctype=\"text/plain\" action=\"" + baseUrl + path + "\">"
                + "<input type=\"hidden\" name='" + name + "' value='" + value + "'></form>"
                + "<script>document.forms[0].submit()</script></body></html>";
    }

    private void visitAttackerSite() {
        String start = "http://127.0.0.1:" + attackerSite.getAddress().getPort() + "/";
        browser.driver().get(start);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().startsWith(start));
    }

    private String pageText() {
        return browser.driver().getPageSource();
    }

    private Set<String> sessionCookies() {
        browser.driver().get(baseUrl + "/signin");
        Set<String> values = new java.util.TreeSet<>();
        for (Cookie cookie : browser.driver().manage().getCookies()) {
            if (cookie.getName().endsWith("keyward_session")) {
                values.add(cookie.getValue());
            }
        }
        return values;
    }
}
