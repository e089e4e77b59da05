package io.keyward.station.simulator;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate authority behind the simulated keys' packed attestation: a root that a Keyward administrator
 * can trust (as a metadata statement's attestation root) and one batch certificate per key model.
 * <p>
 * Batch certificates follow WebAuthn L3 §8.2.1 ("Certificate requirements for packed attestation statements"):
 * version 3, subject C, O, OU "Authenticator Attestation" and CN, basic constraints CA false, and the AAGUID in
 * the non-critical extension id-fido-gen-ce-aaguid (1.3.6.1.4.1.45724.1.1.4) so the server can bind it to the model.
 */
public final class AttestationAuthority {

    static final ASN1ObjectIdentifier FIDO_GEN_CE_AAGUID = new ASN1ObjectIdentifier("1.3.6.1.4.1.45724.1.1.4");
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final KeyPair rootKey;
    private final X509Certificate root;
    private final Map<UUID, BatchAttestation> batches = new ConcurrentHashMap<>();

    private AttestationAuthority(KeyPair rootKey, X509Certificate root) {
        this.rootKey = rootKey;
        this.root = root;
    }

    /** A fresh root for this run (training mode, tests), valid for a year. */
    public static AttestationAuthority generate(String commonName) {
        try {
            KeyPair key = newP256KeyPair();
            X500Name subject = new X500Name("C=DE, O=Keyward, OU=Simulated Keys, CN=" + commonName);
            X509v3CertificateBuilder builder = builder(subject, subject, key.getPublic(), Duration.ofDays(365))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new AttestationAuthority(key, sign(builder, key.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The root from PEM files, so the same keys are accepted by a server configured once (a metadata statement with
     * this root as its attestation root certificate).
     *
     * @param certificatePem the root certificate
     * @param privateKeyPem  its EC P-256 private key (PKCS#8 "PRIVATE KEY" or "EC PRIVATE KEY")
     */
    public static AttestationAuthority load(Path certificatePem, Path privateKeyPem) throws IOException {
        try (PEMParser certificates = new PEMParser(Files.newBufferedReader(certificatePem));
             PEMParser keys = new PEMParser(Files.newBufferedReader(privateKeyPem))) {
            Object certificate = certificates.readObject();
            if (!(certificate instanceof X509CertificateHolder holder)) {
                throw new IOException(certificatePem + " holds no PEM certificate");
            }
            X509Certificate root = new JcaX509CertificateConverter().getCertificate(holder);
            Object key = keys.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            KeyPair pair;
            if (key instanceof org.bouncycastle.openssl.PEMKeyPair pemPair) {
                pair = converter.getKeyPair(pemPair);
            } else if (key instanceof PrivateKeyInfo info) {
                pair = new KeyPair(root.getPublicKey(), converter.getPrivateKey(info));
            } else {
                throw new IOException(privateKeyPem + " holds no PEM private key");
            }
            return new AttestationAuthority(new KeyPair(root.getPublicKey(), pair.getPrivate()), root);
        } catch (CertificateException e) {
            throw new IOException("cannot read the attestation root " + certificatePem + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    /** The root as PEM, e.g. for a metadata statement's attestationRootCertificates (base64 DER) or a file. */
    public String rootPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the root certificate and key as PEM, so {@link #load} gives the same authority next time. */
    public void save(Path certificatePem, Path privateKeyPem) throws IOException {
        Files.writeString(certificatePem, rootPem());
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(rootKey.getPrivate());
        }
        Files.writeString(privateKeyPem, out.toString());
    }

    /** The batch key and certificate every key of this model attests with (one per model, as real batches). */
    public BatchAttestation batchFor(KeyModel model) {
        return batches.computeIfAbsent(model.aaguid(), aaguid -> issueBatch(model));
    }

    private BatchAttestation issueBatch(KeyModel model) {
        try {
            KeyPair key = newP256KeyPair();
            X500Name subject = new X500Name("C=DE, O=Keyward, OU=Authenticator Attestation, CN="
                    + model.description().replace(",", "") + " Batch");
            X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = builder(issuer, subject, key.getPublic(), Duration.ofDays(365))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(FIDO_GEN_CE_AAGUID, false, new DEROctetString(bytes(model.aaguid())));
            return new BatchAttestation(key.getPrivate(), sign(builder, rootKey.getPrivate()), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no EC P-256 key generator", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, java.security.PublicKey key,
                                                    Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign an attestation certificate", e);
        }
    }

    /** A model's batch: the key that signs attestation statements and the chain (batch certificate, root) it sends. */
    public record BatchAttestation(PrivateKey key, X509Certificate certificate, X509Certificate root) {
    }
}
