package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.e2e.sampleapp.ProfileServlet;
import io.keyward.e2e.sampleapp.SignOutServlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample Jakarta EE app ({@link io.keyward.e2e.sampleapp}) secured by WildFly's {@code elytron-oidc-client}, as a
 * scenario uses it: registered through Graph as a confidential web app, packaged with its {@code WEB-INF/oidc.json},
 * deployed into the running Keyward's WildFly (its deployment scanner), opened, signed into and out of in the browser.
 * Several may run at once under different names (one per app a conditional access policy targets, say).
 */
final class SampleOidcApp implements AutoCloseable {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String url;
    private final KeywardAdmin.WebApp registration;
    private final Path deployments;

    private SampleOidcApp(String name, String url, KeywardAdmin.WebApp registration, Path deployments) {
        this.name = name;
        this.url = url;
        this.registration = registration;
        this.deployments = deployments;
    }

    /**
     * Registers the app (redirect URIs: its protected pages; sign-out URL: its signed-out page), builds its WAR and
     * deploys it at {@code /{name}}; returns once WildFly reports it deployed.
     */
    static SampleOidcApp deploy(KeywardServer server, KeywardAdmin admin, String name) throws IOException, InterruptedException {
        String url = server.baseUrl() + "/" + name;
        KeywardAdmin.WebApp registration = admin.registerWebApp("Sample app " + name,
                List.of(url + "/profile", url + "/sign-out"), url + "/signed-out.html");
        String provider = server.baseUrl() + "/" + server.bootstrap().tenantId() + "/v2.0";
        JsonNode discovery = new GraphClient().get(provider + "/.well-known/openid-configuration", Optional.empty()).body();
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(ProfileServlet.class, SignOutServlet.class)
                .addAsWebInfResource(new StringAsset(webXml(discovery.path("end_session_endpoint").asText())), "web.xml")
                .addAsWebInfResource(new StringAsset(oidcJson(provider, registration)), "oidc.json")
                .addAsWebResource(new StringAsset("<!doctype html><html lang=\"en\"><head><title>Signed out</title></head>"
                        + "<body><h1 id=\"signed-out\">You signed out of the sample app.</h1></body></html>"), "signed-out.html");
        Path deployments = server.deployments();
        // Written beside the scanner's directory and moved in whole, so that the scanner never sees half a WAR.
        Path staged = Files.createTempFile(deployments.getParent(), name, ".war");
        war.as(ZipExporter.class).exportTo(staged.toFile(), true);
        Files.move(staged, deployments.resolve(name + ".war"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SampleOidcApp app = new SampleOidcApp(name, url, registration, deployments);
        app.awaitMarker(".deployed");
        return app;
    }

    /**
     * The app's configuration for elytron-oidc-client: Keyward's issuer as the provider (the client reads the discovery
     * document under it), the client id and secret, PKCE (S256, which Keyward requires of every client), and the ID
     * token's {@code preferred_username} as the principal's name. No {@code scope}: WildFly 39 refuses that attribute
     * at its default stability level (WFLYOIDC0009); the app asks for {@code profile} through the {@code scope} query
     * parameter of its entry URL instead, which elytron-oidc-client passes on to the authorization request.
     */
    static String oidcJson(String provider, KeywardAdmin.WebApp registration) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("provider-url", provider);
        config.put("client-id", registration.clientId());
        config.put("credentials", Map.of("secret", registration.clientSecret()));
        config.put("public-client", false);
        config.put("enable-pkce", true);
        config.put("principal-attribute", "preferred_username");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String webXml(String endSessionEndpoint) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>keyward.end-session-endpoint</param-name>
                    <param-value>%s</param-value>
                  </context-param>
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>signed-in pages</web-resource-name>
                      <url-pattern>/profile</url-pattern>
                      <url-pattern>/sign-out</url-pattern>
                    </web-resource-collection>
                    <auth-constraint>
                      <role-name>**</role-name>
                    </auth-constraint>
                  </security-constraint>
                  <login-config>
                    <auth-method>OIDC</auth-method>
                  </login-config>
                </web-app>
                """.formatted(endSessionEndpoint.replace("&", "&amp;"));
    }

    String clientId() {
        return registration.clientId();
    }

    /** The registration's object id (Graph {@code /applications/{id}}). */
    String applicationId() {
        return registration.id();
    }

    String profileUrl() {
        return url + "/profile";
    }

    /** The app's entry link: its protected page, asking for the {@code profile} scope (the name claims in the ID token). */
    String entryUrl() {
        return profileUrl() + "?scope=profile";
    }

    /**
     * Opens the protected page signed out: elytron-oidc-client sends the browser to Keyward's authorization endpoint,
     * which shows Keyward's sign-in page.
     */
    SignInPage open(ChromeDriver driver, String keywardBaseUrl) {
        driver.get(entryUrl());
        new WebDriverWait(driver, SignInPage.WAIT).until(d -> d.getCurrentUrl().startsWith(keywardBaseUrl + "/signin"));
        return SignInPage.attach(driver, keywardBaseUrl);
    }

    /** Waits until the browser is back on the app's protected page, showing this person as signed in. */
    void assertSignedInAs(ChromeDriver driver, String displayName, String userPrincipalName) {
        new WebDriverWait(driver, SignInPage.WAIT).until(d -> d.getCurrentUrl().startsWith(profileUrl())
                && !d.findElements(By.id("signed-in-as")).isEmpty());
        assertThat(driver.findElement(By.id("signed-in-as")).getText()).isEqualTo(displayName);
        assertThat(driver.findElement(By.id("preferred-username")).getText()).isEqualTo(userPrincipalName);
    }

    /** The {@code amr} of the ID token the app got, space-separated. */
    String signInMethods(ChromeDriver driver) {
        return driver.findElement(By.id("amr")).getText();
    }

    /** "Sign out" on the protected page: through Keyward's end session endpoint back to the app's signed-out page. */
    void signOut(ChromeDriver driver) {
        driver.findElement(By.id("sign-out")).click();
        new WebDriverWait(driver, SignInPage.WAIT).until(d -> d.getCurrentUrl().startsWith(url + "/signed-out.html"));
        assertThat(driver.findElement(By.id("signed-out")).isDisplayed()).isTrue();
    }

    /** Undeploys the app (the scanner undeploys a WAR whose file is removed). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.deleteIfExists(deployments.resolve(name + ".war"))) {
            awaitMarker(".undeployed");
        }
    }

    private void awaitMarker(String suffix) throws IOException, InterruptedException {
        Path marker = deployments.resolve(name + ".war" + suffix);
        Path failed = deployments.resolve(name + ".war.failed");
        Instant deadline = Instant.now().plus(DEPLOY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(marker)) {
                return;
            }
            if (Files.exists(failed)) {
                throw new IllegalStateException("WildFly could not deploy the sample app " + name + ": "
                        + Files.readString(failed, StandardCharsets.UTF_8));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("WildFly did not report " + name + ".war" + suffix + " within " + DEPLOY_TIMEOUT.toSeconds() + " s");
    }
}
