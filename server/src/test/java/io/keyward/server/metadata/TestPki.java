package io.keyward.server.metadata;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small PKI made up for the tests: roots, intermediates and leaves (ES256), and FIDO MDS3 BLOBs signed with
 * ES256 and an x5c header, as the FIDO Alliance signs them (FIDO MDS3 §3.1.7).
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestPki() {
    }

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued root(String commonName) {
        KeyPair keys = ecKeyPair();
        return new Issued(keys, certificate("CN=" + commonName, keys, "CN=" + commonName, keys, true));
    }

    public static Issued intermediate(String commonName, Issued issuer) {
        KeyPair keys = ecKeyPair();
        return new Issued(keys, certificate("CN=" + commonName, keys, issuer.certificate().getSubjectX500Principal().getName(), issuer.keys(), true));
    }

    public static Issued leaf(String commonName, Issued issuer) {
        KeyPair keys = ecKeyPair();
        return new Issued(keys, certificate("CN=" + commonName, keys, issuer.certificate().getSubjectX500Principal().getName(), issuer.keys(), false));
    }

    /** A self-signed end-entity certificate for an existing key, like the virtual authenticator's "Batch Certificate". */
    public static X509Certificate selfSignedLeaf(String commonName, KeyPair keys) {
        return certificate("CN=" + commonName, keys, "CN=" + commonName, keys, false);
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca) {
        try {
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
                    new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot issue a test certificate for " + subject, e);
        }
    }

    /** A compact JWS (ES256) of the payload, with the signer's chain (leaf first) in the x5c header. */
    public static String signBlob(String payloadJson, Issued signer, List<X509Certificate> chainLeafFirst) {
        String x5c = String.join(",", chainLeafFirst.stream().map(c -> "\"" + der64(c) + "\"").toList());
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5c\":[" + x5c + "]}";
        String signingInput = b64url(header.getBytes()) + "." + b64url(payloadJson.getBytes());
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(signer.keys().getPrivate());
            signature.update(signingInput.getBytes());
            return signingInput + "." + b64url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String der64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
