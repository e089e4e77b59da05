package io.keyward.server.metadata;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class AttestationChainsTest {

    @Test
    void keyIdentifierIsTheSha1OfTheSubjectPublicKeyBitString() throws Exception {
        TestPki.Issued leaf = TestPki.leaf("Batch", TestPki.root("Root"));
        byte[] bits = SubjectPublicKeyInfo.getInstance(leaf.certificate().getPublicKey().getEncoded()).getPublicKeyData().getBytes();

        assertThat(AttestationChains.keyIdentifier(leaf.certificate()))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bits)));
    }

    @Test
    void keyIdentifierOfAnRsaKeyWithLongFormLengthsIsTheSha1OfItsBitString() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var keys = rsa.generateKeyPair();
        var certificate = TestPki.selfSignedLeaf("RSA", new java.security.KeyPair(keys.getPublic(), TestPki.ecKeyPair().getPrivate()));
        byte[] bits = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes();

        assertThat(AttestationChains.keyIdentifier(certificate))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bits)));
    }
}
