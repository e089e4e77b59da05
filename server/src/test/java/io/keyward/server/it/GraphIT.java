package io.keyward.server.it;

import io.keyward.server.token.GraphPermission;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;

/**
 * What every Graph integration test starts from: the server WAR as built, deployed to the provisioned WildFly, and
 * a client holding every Graph application permission ({@link #admin}). Tests arrange the rest themselves; a test
 * that changes the tenant's one passkey policy gets it restored afterwards, even when it fails
 * ({@link PasskeyPolicySnapshot}).
 */
@ExtendWith(ArquillianExtension.class)
@ExtendWith(PasskeyPolicySnapshot.class)
@RunAsClient
abstract class GraphIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KeywardServer.war();
    }

    @ArquillianResource
    URL base;

    Graph graph;
    String admin;

    /** The passkey (FIDO2) authentication method configuration. */
    static final String FIDO2 = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";

    /** PATCHes the passkey policy with {@code fields} (JSON members) and expects 204. */
    void policy(String fields) {
        Graph.Reply reply = graph.patch(FIDO2, admin, "{\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\"," + fields + "}");
        org.assertj.core.api.Assertions.assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    }

    /** Graph creationOptions for provisioning a passkey for {@code userId}; expects 200. */
    com.fasterxml.jackson.databind.JsonNode creationOptionsFor(String userId) {
        Graph.Reply reply = graph.get("users/" + userId + "/authentication/fido2Methods/creationOptions", admin);
        org.assertj.core.api.Assertions.assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** Provisions {@code key} as a passkey of {@code userId} through Graph; expects 201 and returns the passkey's id. */
    String provision(String userId, com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator key) {
        Graph.Reply created = graph.post("users/" + userId + "/authentication/fido2Methods", admin,
                Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, creationOptionsFor(userId)), null));
        org.assertj.core.api.Assertions.assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @BeforeEach
    void connectAsAdministrator() {
        graph = new Graph(URI.create(base.toString()));
        admin = graph.tokenWith(GraphPermission.allValues().toArray(String[]::new));
    }
}
