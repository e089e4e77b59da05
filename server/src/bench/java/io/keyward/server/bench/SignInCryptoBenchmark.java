package io.keyward.server.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The cryptographic ceiling of one passkey sign-in on this JVM (docs/performance.md): verifying the assertion's
 * ES256 signature (what webauthn4j asks of the JDK's SHA256withECDSA), signing the session cookie (HS256 now, RS256
 * before) and, for an app, the ID and access tokens (RS256; ES256 for comparison). Average time per operation,
 * one thread. Run with {@code mvn -pl server -Pbench test-compile exec:exec@jmh}; never part of CI.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignInCryptoBenchmark {

    private KeyPair passkey;
    private byte[] signedData;
    private byte[] assertionSignature;
    private RSASSASigner rs256;
    private ECDSASigner es256;
    private MACSigner hs256;
    private MACVerifier hs256Verifier;
    private String sessionCookie;
    private JWTClaimsSet claims;

    @Setup
    public void keys() throws GeneralSecurityException, JOSEException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        passkey = generator.generateKeyPair();
        // authenticatorData (37 bytes) followed by SHA-256 of clientDataJSON, as WebAuthn L3 §7.2 step 20 signs it.
        byte[] authenticatorData = new byte[37];
        new SecureRandom().nextBytes(authenticatorData);
        byte[] clientDataHash = MessageDigest.getInstance("SHA-256").digest(
                "{\"type\":\"webauthn.get\",\"challenge\":\"AQ\",\"origin\":\"http://localhost:8080\"}".getBytes());
        signedData = new byte[authenticatorData.length + clientDataHash.length];
        System.arraycopy(authenticatorData, 0, signedData, 0, authenticatorData.length);
        System.arraycopy(clientDataHash, 0, signedData, authenticatorData.length, clientDataHash.length);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(passkey.getPrivate());
        signer.update(signedData);
        assertionSignature = signer.sign();

        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rs").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("es").generate();
        OctetSequenceKey mac = new OctetSequenceKeyGenerator(256).keyID("hs").generate();
        rs256 = new RSASSASigner(rsa);
        es256 = new ECDSASigner(ec);
        hs256 = new MACSigner(mac);
        hs256Verifier = new MACVerifier(mac);
        claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080/tenant/v2.0").audience("app").subject(UUID.randomUUID().toString())
                .claim("amr", "passkey").issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
                .jwtID(UUID.randomUUID().toString()).build();
        sessionCookie = sign(JWSAlgorithm.HS256, "hs", hs256);
    }

    @Benchmark
    public boolean es256VerifyAssertion() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(passkey.getPublic());
        verifier.update(signedData);
        return verifier.verify(assertionSignature);
    }

    @Benchmark
    public String rs256SignToken() throws JOSEException {
        return sign(JWSAlgorithm.RS256, "rs", rs256);
    }

    @Benchmark
    public String es256SignToken() throws JOSEException {
        return sign(JWSAlgorithm.ES256, "es", es256);
    }

    @Benchmark
    public String hs256SignSessionCookie() throws JOSEException {
        return sign(JWSAlgorithm.HS256, "hs", hs256);
    }

    @Benchmark
    public boolean hs256VerifySessionCookie() throws Exception {
        return SignedJWT.parse(sessionCookie).verify(hs256Verifier);
    }

    private String sign(JWSAlgorithm algorithm, String kid, com.nimbusds.jose.JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
