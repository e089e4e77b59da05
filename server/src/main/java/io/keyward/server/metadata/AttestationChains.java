package io.keyward.server.metadata;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks of an attestation certificate chain (leaf first, as in x5c) against what the metadata trusts. */
public final class AttestationChains {

    private AttestationChains() {
    }

    /**
     * Whether the chain validates (PKIX, RFC 5280 §6) up to one of the roots, at the given time. Revocation is not
     * checked: Keyward works offline, and FIDO MDS3 status reports carry revocation of authenticator models. A
     * chain that ends with the root itself, or a leaf that is one of the roots, counts as reaching it.
     */
    public static boolean chainsTo(List<X509Certificate> chainLeafFirst, Collection<X509Certificate> roots, Instant at) {
        if (chainLeafFirst.isEmpty() || roots.isEmpty()) {
            return false;
        }
        if (roots.contains(chainLeafFirst.get(0))) {
            return true;
        }
        List<X509Certificate> path = new ArrayList<>(chainLeafFirst);
        while (path.size() > 1 && roots.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        try {
            Set<TrustAnchor> anchors = roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the leaf certificate carries one of these public keys (compared as encoded SubjectPublicKeyInfo). */
    public static boolean leafKeyIsOneOf(List<X509Certificate> chainLeafFirst, Collection<PublicKey> keys) {
        if (chainLeafFirst.isEmpty()) {
            return false;
        }
        byte[] leafKey = chainLeafFirst.get(0).getPublicKey().getEncoded();
        return keys.stream().anyMatch(key -> Arrays.equals(key.getEncoded(), leafKey));
    }

    /**
     * The FIDO attestation certificate key identifier of a certificate: the lower-case hex SHA-1 of the value of its
     * subjectPublicKey BIT STRING, without tag, length or unused-bits octet (FIDO MDS3 §3.1.1
     * {@code attestationCertificateKeyIdentifiers}, as RFC 5280 §4.2.1.2 method 1).
     */
    public static String keyIdentifier(X509Certificate certificate) {
        try {
            byte[] subjectPublicKey = subjectPublicKeyBits(certificate.getPublicKey().getEncoded());
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(subjectPublicKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }. */
    private static byte[] subjectPublicKeyBits(byte[] spki) {
        Der outer = Der.read(spki, 0, 0x30);
        Der algorithm = Der.read(spki, outer.contentStart(), 0x30);
        Der bits = Der.read(spki, algorithm.end(), 0x03);
        return Arrays.copyOfRange(spki, bits.contentStart() + 1, bits.end());
    }

    /** One DER TLV: where its content starts and where it ends. */
    private record Der(int contentStart, int end) {

        static Der read(byte[] der, int offset, int expectedTag) {
            if (offset + 2 > der.length || (der[offset] & 0xff) != expectedTag) {
                throw new IllegalArgumentException("Not a SubjectPublicKeyInfo: expected tag " + expectedTag + " at " + offset);
            }
            int length = der[offset + 1] & 0xff;
            int contentStart = offset + 2;
            if (length > 0x80) {
                int octets = length & 0x7f;
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[contentStart + i] & 0xff);
                }
                contentStart += octets;
            }
            if (contentStart + length > der.length) {
                throw new IllegalArgumentException("Not a SubjectPublicKeyInfo: truncated at " + offset);
            }
            return new Der(contentStart, contentStart + length);
        }
    }
}
