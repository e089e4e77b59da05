package io.keyward.server.metadata;

import io.keyward.server.platform.Refused;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468) to and from certificates and public keys: how admins paste attestation roots and trusted
 * attestation keys, and how Keyward stores them.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "EdDSA");

    private Pem() {
    }

    /** Every {@code CERTIFICATE} block in the text, in order. Bad input is refused with what was wrong. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(pem)) {
            if (!block.label().equals("CERTIFICATE")) {
                throw Refused.invalid("Expected PEM CERTIFICATE blocks, found '" + block.label() + "'.");
            }
            certificates.add(certificate(block.der()));
        }
        return List.copyOf(certificates);
    }

    /**
     * Every public key in the text: {@code PUBLIC KEY} blocks (SubjectPublicKeyInfo), and the keys of
     * {@code CERTIFICATE} blocks, so an admin can paste either the key or a certificate that carries it.
     */
    public static List<PublicKey> publicKeys(String pem) {
        List<PublicKey> keys = new ArrayList<>();
        for (Block block : blocks(pem)) {
            switch (block.label()) {
                case "PUBLIC KEY" -> keys.add(publicKey(block.der()));
                case "CERTIFICATE" -> keys.add(certificate(block.der()).getPublicKey());
                default -> throw Refused.invalid("Expected PEM PUBLIC KEY or CERTIFICATE blocks, found '" + block.label() + "'.");
            }
        }
        return List.copyOf(keys);
    }

    public static String certificatesToPem(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("Certificate cannot be encoded: " + certificate.getSubjectX500Principal(), e);
            }
        }
        return pem.toString();
    }

    public static String publicKeysToPem(List<PublicKey> keys) {
        StringBuilder pem = new StringBuilder();
        keys.forEach(key -> pem.append(block("PUBLIC KEY", key.getEncoded())));
        return pem.toString();
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw Refused.invalid("A PEM CERTIFICATE block is not a valid X.509 certificate: " + e.getMessage());
        }
    }

    private static PublicKey publicKey(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // not this algorithm; try the next
            }
        }
        throw Refused.invalid("A PEM PUBLIC KEY block is not an EC, RSA or EdDSA SubjectPublicKeyInfo.");
    }

    private record Block(String label, byte[] der) {
    }

    private static List<Block> blocks(String pem) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        int end = 0;
        while (matcher.find()) {
            if (!pem.substring(end, matcher.start()).isBlank()) {
                throw Refused.invalid("Unexpected text outside PEM blocks: '" + abbreviate(pem.substring(end, matcher.start())) + "'.");
            }
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw Refused.invalid("A PEM " + matcher.group(1) + " block is not valid base64.");
            }
            end = matcher.end();
        }
        if (!pem.substring(end).isBlank()) {
            throw Refused.invalid("Unexpected text outside PEM blocks: '" + abbreviate(pem.substring(end)) + "'.");
        }
        return blocks;
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String abbreviate(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "…";
    }
}
