package io.keyward.station.simulator;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** EC P-256 public keys as COSE_Key maps (RFC 9053 §7.1.1, CTAP 2.1 §6.5.6) and back. */
final class CoseKeys {

    /** COSE algorithm ES256. */
    static final int ES256 = -7;
    /** COSE algorithm ECDH-ES+HKDF-256, the getKeyAgreement key (CTAP 2.1 §6.5.6). */
    static final int ECDH_ES_HKDF_256 = -25;

    private static final int KTY = 1, ALG = 3, CRV = -1, X = -2, Y = -3;
    private static final int KTY_EC2 = 2, CRV_P256 = 1;
    private static final ECParameterSpec P256 = p256();

    private CoseKeys() {
    }

    static Map<Integer, Object> encode(ECPublicKey key, int algorithm) {
        Map<Integer, Object> cose = new LinkedHashMap<>();
        cose.put(KTY, KTY_EC2);
        cose.put(ALG, algorithm);
        cose.put(CRV, CRV_P256);
        cose.put(X, coordinate(key.getW().getAffineX()));
        cose.put(Y, coordinate(key.getW().getAffineY()));
        return cose;
    }

    /** The platform's key agreement key; refuses anything but an EC2 P-256 key with 32-byte coordinates. */
    static ECPublicKey decode(Map<?, ?> cose) throws CtapError {
        if (!Integer.valueOf(KTY_EC2).equals(cose.get(KTY)) || !Integer.valueOf(CRV_P256).equals(cose.get(CRV))
                || !(cose.get(X) instanceof byte[] x) || !(cose.get(Y) instanceof byte[] y)
                || x.length != 32 || y.length != 32) {
            throw new CtapError(CtapStatus.INVALID_PARAMETER, "keyAgreement is not an EC2 P-256 COSE key");
        }
        try {
            ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
        } catch (GeneralSecurityException e) {
            throw new CtapError(CtapStatus.INVALID_PARAMETER, "keyAgreement is not a valid P-256 point");
        }
    }

    static byte[] coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    static byte[] uncompressed(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 0x04;
        System.arraycopy(coordinate(key.getW().getAffineX()), 0, point, 1, 32);
        System.arraycopy(coordinate(key.getW().getAffineY()), 0, point, 33, 32);
        return Arrays.copyOf(point, point.length);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
