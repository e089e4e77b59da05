package io.keyward.server.it;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyward.server.token.GraphPermission;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token signing keys at rest (encrypted with the key-encryption key, never a clear private key in the database)
 * and what a token signed with them must still prove: Keyward as its issuer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SigningKeysIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KeywardServer.war();
    }

    @ArquillianResource
    URL base;

    Graph graph;
    String token;

    @BeforeEach
    void connect() {
        graph = new Graph(URI.create(base.toString()));
        token = graph.tokenWith(GraphPermission.USER_READ_ALL.value());
    }

    @Test
    void theDatabaseHoldsNoClearPrivateKeyOnlyOneSealedWithTheKeyEncryptionKey() throws Exception {
        StoredKey stored = activeKey();

        assertThat(stored.jwk()).doesNotStartWith("{").doesNotContain("\"d\"").doesNotContain("\"p\"");
        RSAKey opened = stored.open();
        assertThat(opened.isPrivate()).isTrue();
        assertThat(opened.getKeyID()).isEqualTo(stored.kid());
        JWKSet published = JWKSet.parse(Graph.send(java.net.http.HttpRequest.newBuilder(URI.create(base.toString())
                .resolve(TestDirectory.tenantId() + "/discovery/v2.0/keys")).GET()).body());
        assertThat(published.getKeyByKeyId(stored.kid()).toRSAKey().toPublicKey()).isEqualTo(opened.toPublicKey());
    }

    @Test
    void aTokenSignedWithKeywardsOwnKeyButAnotherIssuerIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token);
        RSAKey key = activeKey().open();
        String foreign = resign(new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).issuer("https://login.attacker.example/"
                + TestDirectory.tenantId() + "/v2.0").build(), key);
        String sameIssuer = resign(genuine.getJWTClaimsSet(), key);

        Graph.Reply refused = graph.get("users?$top=1", foreign);

        assertThat(graph.get("users?$top=1", sameIssuer).status()).as("re-signed with the genuine issuer").isEqualTo(200);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("invalidTokenIssuer");
        assertThat(refused.json().path("error").path("message").asText()).contains("issue");
    }

    @Test
    void aTokenWithoutAnIssuerIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token);
        String noIssuer = resign(new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).issuer(null).build(), activeKey().open());

        Graph.Reply refused = graph.get("users?$top=1", noIssuer);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("invalidTokenIssuer");
    }

    private static String resign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** A signing key row as stored. */
    record StoredKey(String kid, String jwk) {

        /** The private key, decrypted with the key-encryption key the test server was started with (JWE dir/A256GCM). */
        RSAKey open() throws Exception {
            byte[] kek = Base64.getDecoder().decode(Files.readString(
                    Path.of(System.getProperty("keyward.test.key-encryption-key-file"))).trim());
            JWEObject sealed = JWEObject.parse(jwk);
            sealed.decrypt(new DirectDecrypter(kek));
            return RSAKey.parse(sealed.getPayload().toString());
        }
    }

    private static StoredKey activeKey() throws Exception {
        try (Connection db = TestDirectory.connect(); PreparedStatement st = db.prepareStatement(
                "select kid, jwk from signing_key where status = 'active' order by created_at desc")) {
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("an active signing key").isTrue();
                return new StoredKey(rs.getString(1), rs.getString(2));
            }
        }
    }
}
