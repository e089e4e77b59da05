package io.keyward.station.simulator;

import com.yubico.yubikit.fido.Cbor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.UUID;

/** Builds authenticator data (WebAuthn L3 §6.1) and ES256 signatures over it. */
final class AuthenticatorData {

    static final int UP = 0x01, UV = 0x04, AT = 0x40, ED = 0x80;

    private AuthenticatorData() {
    }

    static byte[] forRegistration(byte[] rpIdHash, int flags, int signCount, UUID aaguid, byte[] credentialId,
                                  ECPublicKey publicKey, Map<String, Object> extensions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int allFlags = flags | AT | (extensions.isEmpty() ? 0 : ED);
        out.writeBytes(header(rpIdHash, allFlags, signCount));
        out.writeBytes(AttestationAuthority.bytes(aaguid));
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        out.writeBytes(credentialId);
        out.writeBytes(Cbor.encode(CoseKeys.encode(publicKey, CoseKeys.ES256)));
        if (!extensions.isEmpty()) {
            out.writeBytes(Cbor.encode(extensions));
        }
        return out.toByteArray();
    }

    static byte[] forAssertion(byte[] rpIdHash, int flags, int signCount) {
        return header(rpIdHash, flags, signCount);
    }

    private static byte[] header(byte[] rpIdHash, int flags, int signCount) {
        return ByteBuffer.allocate(37).put(rpIdHash).put((byte) flags).putInt(signCount).array();
    }

    /** ES256 over authenticatorData || clientDataHash (WebAuthn L3 §6.3.3 step 11, §8.2 packed). */
    static byte[] sign(PrivateKey key, byte[] authenticatorData, byte[] clientDataHash) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(authenticatorData);
            signature.update(clientDataHash);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with ES256", e);
        }
    }
}
