package io.keyward.server.it;

import io.keyward.server.metadata.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static io.keyward.server.it.Graph.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** The metadata domain inside WildFly: webauthn4j's MDS3 verification with the bundled Jackson 3, and the tables. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetadataIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KeywardServer.war().addClass(MetadataProbe.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void blobSignedUnderTheGivenRootVerifiesInsideTheServer() throws Exception {
        KeyPair rootKeys = ecKeys();
        X509Certificate root = certificate("CN=IT MDS Root", rootKeys, rootKeys, true);
        String payload = "{\"legalHeader\":\"IT\",\"no\":3,\"nextUpdate\":\"2030-01-01\",\"entries\":[{\"aaguid\":\"" + UUID.randomUUID()
                + "\",\"metadataStatement\":{\"description\":\"IT Key\",\"protocolFamily\":\"fido2\",\"schema\":3,"
                + "\"attestationRootCertificates\":[]},\"statusReports\":[{\"status\":\"FIDO_CERTIFIED_L1\",\"effectiveDate\":\"2024-01-01\"}]}]}";
        String blob = sign(payload, rootKeys, root);

        Graph.Reply reply = probe("verify", "root=" + enc(Pem.certificatesToPem(List.of(root))) + "&blob=" + enc(blob));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("no=3 entries=1 description=IT Key");
    }

    @Test
    void tamperedBlobIsRefusedInsideTheServer() throws Exception {
        KeyPair rootKeys = ecKeys();
        X509Certificate root = certificate("CN=IT MDS Root", rootKeys, rootKeys, true);
        String blob = sign("{\"no\":3,\"nextUpdate\":\"2030-01-01\",\"entries\":[]}", rootKeys, root);
        String tampered = blob.substring(0, blob.lastIndexOf('.')) + ".AAAA";

        Graph.Reply reply = probe("verify", "root=" + enc(Pem.certificatesToPem(List.of(root))) + "&blob=" + enc(tampered));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).startsWith("invalidRequest: The metadata BLOB's signature is invalid");
    }

    @Test
    void adminTrustedKeyTrustsASelfSignedBatchCertificateUntilRemoved() throws Exception {
        KeyPair batchKeys = ecKeys();
        X509Certificate batch = certificate("CN=Batch Certificate", batchKeys, batchKeys, false);
        UUID aaguid = UUID.randomUUID();

        Graph.Reply reply = probe("admin", "aaguid=" + aaguid + "&description=" + enc("IT virtual authenticator")
                + "&key=" + enc(Pem.publicKeysToPem(List.of(batchKeys.getPublic()))) + "&leaf=" + enc(Pem.certificatesToPem(List.of(batch))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("model=IT virtual authenticator trusted=true after-removal=Unknown authenticator trusted=false");
    }

    private Graph.Reply probe(String what, String form) {
        return Graph.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("it-probe/metadata/" + what))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String name, KeyPair subject, KeyPair issuer, boolean ca) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(name), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), new X500Name(name), subject.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    /** ES256 compact JWS signed by the root itself, with the root as x5c. */
    private static String sign(String payload, KeyPair keys, X509Certificate signer) throws Exception {
        var url = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(signer.getEncoded()) + "\"]}";
        String input = url.encodeToString(header.getBytes()) + "." + url.encodeToString(payload.getBytes());
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(keys.getPrivate());
        signature.update(input.getBytes());
        return input + "." + url.encodeToString(signature.sign());
    }
}
