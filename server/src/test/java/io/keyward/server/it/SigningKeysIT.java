package io.keyward.server.it;

import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token signing keys at rest (encrypted with the key-encryption key, never a clear private key in the database),
 * which algorithm signs what (ES256 for Graph access tokens, RS256 for ID tokens), and what a token signed with them
 * must still prove: Keyward as its issuer, and the algorithm its key is made for.
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
    void theDatabaseHoldsNoClearPrivateKeyOnlyOnesSealedWithTheKeyEncryptionKey() throws Exception {
        for (String algorithm : List.of("RS256", "ES256")) {
            StoredKey stored = activeKey(algorithm);

            assertThat(stored.jwk()).as(algorithm).doesNotStartWith("{").doesNotContain("\"d\"").doesNotContain("\"p\"");
            JWK opened = stored.open();
            assertThat(opened.isPrivate()).isTrue();
            assertThat(opened.getKeyID()).isEqualTo(stored.kid());
            JWK published = publishedKeys().getKeyByKeyId(stored.kid());
            assertThat(published.isPrivate()).as(algorithm).isFalse();
            assertThat(published.getAlgorithm()).hasToString(algorithm);
            assertThat(published.toPublicJWK()).isEqualTo(opened.toPublicJWK());
        }
    }

    @Test
    void graphAccessTokensAreSignedEs256WithAPublishedP256Key() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(activeKey("ES256").kid());
        ECKey key = publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
        assertThat(key.getCurve()).isEqualTo(Curve.P_256);
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(graph.get("users?$top=1", token).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithKeywardsOwnKeyButAnotherIssuerIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token);
        for (String algorithm : List.of("ES256", "RS256")) {
            JWK key = activeKey(algorithm).open();
            String foreign = resign(new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).issuer("https://login.attacker.example/"
                    + TestDirectory.tenantId() + "/v2.0").build(), key);
            String sameIssuer = resign(genuine.getJWTClaimsSet(), key);

            Graph.Reply refused = graph.get("users?$top=1", foreign);

            assertThat(graph.get("users?$top=1", sameIssuer).status()).as("re-signed " + algorithm + " with the genuine issuer")
                    .isEqualTo(200);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("invalidTokenIssuer");
            assertThat(refused.json().path("error").path("message").asText()).contains("issue");
        }
    }

    @Test
    void anRs256AccessTokenFromAnEarlierVersionIsStillAccepted() throws Exception {
        // Until the upgrade, access tokens were RS256 under the RSA key: those still in use keep working until they expire.
        String earlier = resign(SignedJWT.parse(token).getJWTClaimsSet(), activeKey("RS256").open());

        assertThat(SignedJWT.parse(earlier).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(graph.get("users?$top=1", earlier).status()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutAnIssuerIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token);
        String noIssuer = resign(new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).issuer(null).build(), activeKey("ES256").open());

        Graph.Reply refused = graph.get("users?$top=1", noIssuer);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("invalidTokenIssuer");
    }

    @Test
    void aTokenNamingAnotherAlgorithmThanItsKeysIsRefused() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        String rsaKid = activeKey("RS256").kid();
        String ecKid = activeKey("ES256").kid();
        // ES256 under the RSA key's id, and RS256 under the EC key's id, each signed by the attacker's own key of that type.
        SignedJWT es256UnderRsaKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(rsaKid).build(), claims);
        es256UnderRsaKid.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
        SignedJWT rs256UnderEcKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ecKid).build(), claims);
        rs256UnderEcKid.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

        for (SignedJWT forged : List.of(es256UnderRsaKid, rs256UnderEcKid)) {
            Graph.Reply refused = graph.get("users?$top=1", forged.serialize());

            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("invalidTokenAlgorithm");
            assertThat(refused.json().path("error").path("message").asText()).contains("but its key");
        }
    }

    @Test
    void aTokenMacedWithTheEcPublicKeyIsRefused() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token);
        ECKey published = publishedKeys().getKeyByKeyId(genuine.getHeader().getKeyID()).toECKey();
        List<byte[]> secrets = List.of(published.toECPublicKey().getEncoded(),
                published.toJSONString().getBytes(StandardCharsets.UTF_8));
        for (byte[] secret : secrets) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
                    genuine.getJWTClaimsSet());
            forged.sign(new MACSigner(secret));

            Graph.Reply refused = graph.get("users?$top=1", forged.serialize());

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("invalidTokenAlgorithm");
        }
    }

    @Test
    void anEs256TokenWithAZeroSignatureIsRefused() throws Exception {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 verified as valid in some JDKs. Never trust the verifier for it.
        String[] parts = token.split("\\.");
        String zero = parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[64]);

        Graph.Reply refused = graph.get("users?$top=1", zero);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("unauthenticated");
        assertThat(refused.json().path("error").path("message").asText()).contains("signature");
    }

    @Test
    void aTamperedTokenIsRefusedAfterItsGenuineOriginalWasAccepted() throws Exception {
        // The node keeps tokens it has verified; a changed token is a different one and is verified again.
        SignedJWT genuine = SignedJWT.parse(token);
        JWTClaimsSet more = new JWTClaimsSet.Builder(genuine.getJWTClaimsSet())
                .claim("roles", List.of(GraphPermission.USER_READWRITE_ALL.value())).build();
        String tampered = genuine.getParsedParts()[0] + "." + Base64URL.encode(more.toString()) + "." + genuine.getParsedParts()[2];

        assertThat(graph.get("users?$top=1", token).status()).isEqualTo(200);
        Graph.Reply refused = graph.get("users?$top=1", tampered);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("message").asText()).contains("signature is invalid");
    }

    private JWKSet publishedKeys() throws Exception {
        return JWKSet.parse(Graph.send(java.net.http.HttpRequest.newBuilder(URI.create(base.toString())
                .resolve(TestDirectory.tenantId() + "/discovery/v2.0/keys")).GET()).body());
    }

    private static String resign(JWTClaimsSet claims, JWK key) throws Exception {
        boolean ec = key instanceof ECKey;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(ec ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey()));
        return jwt.serialize();
    }

    /** A signing key row as stored. */
    record StoredKey(String kid, String jwk) {

        /** The private key, decrypted with the key-encryption key the test server was started with (JWE dir/A256GCM). */
        JWK open() throws Exception {
            byte[] kek = Base64.getDecoder().decode(Files.readString(
                    Path.of(System.getProperty("keyward.test.key-encryption-key-file"))).trim());
            JWEObject sealed = JWEObject.parse(jwk);
            sealed.decrypt(new DirectDecrypter(kek));
            return JWK.parse(sealed.getPayload().toString());
        }
    }

    private static StoredKey activeKey(String algorithm) throws Exception {
        try (Connection db = TestDirectory.connect(); PreparedStatement st = db.prepareStatement(
                "select kid, jwk from signing_key where status = 'active' and algorithm = ? order by created_at desc")) {
            st.setString(1, algorithm);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("an active " + algorithm + " signing key").isTrue();
                return new StoredKey(rs.getString(1), rs.getString(2));
            }
        }
    }
}
