package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.CustomAaguidAuthenticator;
import io.keyward.server.metadata.Blobs;
import io.keyward.server.metadata.TestPki;
import io.keyward.server.token.GraphPermission;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A FIDO MDS3 BLOB imported through the admin API that reports a model compromised: existing passkeys of that
 * model are flagged and blocked at sign-in, and new ones refused. A BLOB that is not newer, or tampered with, is
 * refused and the last good one kept. The server trusts a test root written to {@code keyward.metadata.root-certificate}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetadataCompromiseIT {

    static TestPki.Issued root;
    static TestPki.Issued signer;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KeywardServer.war();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void writeTheTestRoot() throws Exception {
        root = TestPki.root("Keyward IT MDS Root");
        signer = TestPki.leaf("Keyward IT MDS Signer", root);
        Path pem = Path.of(System.getProperty("jboss.home")).resolve("../it-mds-root.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(root.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    @Test
    void importingABlobNeedsATokenWithPolicyWritePermission() {
        Graph graph = new Graph(URI.create(base.toString()));
        String reader = graph.tokenWith("Policy.Read.All", "Policy.Read.AuthenticationMethod", "UserAuthenticationMethod.ReadWrite.All");

        Graph.Reply anonymous = graph.call("POST", graph.v1("keyward/metadata/blob"), null, "a.b.c");
        Graph.Reply readOnly = graph.call("POST", graph.v1("keyward/metadata/blob"), reader, "a.b.c");
        Graph.Reply currentAnonymous = graph.get("keyward/metadata/blob", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.errorCode()).isEqualTo("Authorization_RequestDenied");
        assertThat(currentAnonymous.status()).isEqualTo(401);
    }

    @Test
    void aModelReportedRevokedIsFlaggedBlockedAtSignInAndRefusedAtRegistration() {
        Graph graph = new Graph(URI.create(base.toString()));
        String admin = graph.tokenWith(GraphPermission.allValues().toArray(String[]::new));
        String userId = graph.post("users", admin, userJson(upn("revoked"), "Revoked Key Owner")).json().get("id").asText();
        String passkeys = "users/" + userId + "/authentication/fido2Methods";
        UUID model = UUID.randomUUID();
        CustomAaguidAuthenticator key = new CustomAaguidAuthenticator(model);
        String passkeyId = graph.post(passkeys, admin, Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN,
                graph.get(passkeys + "/creationOptions", admin).json()), "Soon revoked")).json().get("id").asText();
        assertThat(new Browser(graph.root()).signIn(key, null).status()).isEqualTo(200);
        int no = (int) (System.currentTimeMillis() / 1000 - 1_700_000_000L);
        String blob = TestPki.signBlob(Blobs.payload(no, Blobs.fido2Entry(model, "Revoked Test Key", List.of(root.certificate()), "REVOKED")),
                signer, List.of(signer.certificate()));

        Graph.Reply imported = graph.call("POST", graph.v1("keyward/metadata/blob"), admin, blob);

        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("newlyCompromisedAaGuids").toString()).contains(model.toString());
        assertThat(imported.json().get("flaggedPasskeys").asInt()).isEqualTo(1);
        JsonNode passkey = graph.get(passkeys + "/" + passkeyId, admin).json();
        assertThat(passkey.get("suspectReason").asText()).isEqualTo("authenticatorCompromised");
        assertThat(passkey.get("model").asText()).isEqualTo("Revoked Test Key");
        Graph.Reply signIn = new Browser(graph.root()).signIn(key, null);
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(signIn.errorCode()).isEqualTo("authenticatorCompromised");
        Graph.Reply registration = graph.post(passkeys, admin, Provisioning.body(Provisioning.create(new CustomAaguidAuthenticator(model),
                PasskeyProvisioningIT.ORIGIN, graph.get(passkeys + "/creationOptions", admin).json()), "Another"));
        assertThat(registration.status()).isEqualTo(403);
        assertThat(registration.errorCode()).isEqualTo("authenticatorCompromised");

        Graph.Reply again = graph.call("POST", graph.v1("keyward/metadata/blob"), admin, blob);
        String[] parts = blob.split("\\.");
        Graph.Reply tampered = graph.call("POST", graph.v1("keyward/metadata/blob"), admin,
                parts[0] + "." + TestPki.b64url(Blobs.payload(no + 5).getBytes()) + "." + parts[2]);
        assertThat(again.status()).isEqualTo(400);
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(graph.get("keyward/metadata/blob", admin).json().get("no").asInt()).isEqualTo(no);
    }
}
