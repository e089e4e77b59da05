package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.wildfly.security.http.oidc.OidcClientConfiguration;
import org.wildfly.security.http.oidc.OidcClientConfigurationBuilder;
import org.wildfly.security.http.oidc.OidcClientConfigurationResolver;
import org.wildfly.security.http.oidc.OidcHttpFacade;
import org.wildfly.security.http.oidc.OidcJsonConfiguration;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The elytron-oidc-client configuration of the admin center (web.xml {@code oidc.config.resolver}), built on the first
 * request rather than read from a file: the client id and secret come from configuration ({@link AdminSettings}), and
 * the provider URL is the issuer Keyward's discovery document names ({@code {base}/{tenant id}/v2.0}), which exists
 * only once the server's first start created the tenant. PKCE ({@code enable-pkce}) is on, as Keyward requires of every
 * client; every redirect URI is rewritten to the one registered, {@code {base}/admin/}.
 */
public class KeywardOidcConfiguration implements OidcClientConfigurationResolver {

    private static final AtomicReference<OidcClientConfiguration> RESOLVED = new AtomicReference<>();

    @Override
    public OidcClientConfiguration resolve(OidcHttpFacade.Request request) {
        OidcClientConfiguration resolved = RESOLVED.get();
        if (resolved == null) {
            resolved = OidcClientConfigurationBuilder.build(json(issuer()));
            RESOLVED.compareAndSet(null, resolved);
        }
        return RESOLVED.get();
    }

    /** The elytron-oidc-client settings for this issuer (public so that a unit test can check them). */
    public static OidcJsonConfiguration json(String issuer) {
        OidcJsonConfiguration json = new OidcJsonConfiguration();
        json.setProviderUrl(issuer);
        json.setClientId(AdminSettings.clientId());
        json.setCredentials(Map.of("secret", AdminSettings.clientSecret()));
        json.setPkce(true);
        json.setPublicClient(false);
        json.setSslRequired(AdminSettings.serverUrl().startsWith("https:") ? "all" : "external");
        json.setPrincipalAttribute("preferred_username");
        json.setScope("profile offline_access " + AdminSettings.graphResource() + "/.default");
        json.setRedirectRewriteRules(Map.of("^/admin/.*$", "/admin/"));
        json.setTokenStore("session");
        return json;
    }

    /** The issuer from Keyward's discovery document for the configured tenant. */
    static String issuer() {
        URI discovery = URI.create(AdminSettings.serverUrl() + "/" + AdminSettings.tenant() + "/v2.0/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keyward's discovery document " + discovery + " answered " + response.statusCode());
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                JsonObject document = reader.readObject();
                return document.getString("issuer");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach Keyward's discovery document " + discovery + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + discovery, e);
        }
    }
}
