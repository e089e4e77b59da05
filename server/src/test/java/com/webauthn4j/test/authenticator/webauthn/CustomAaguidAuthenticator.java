package com.webauthn4j.test.authenticator.webauthn;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.AttestationCertificatePath;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.test.TestDataUtil;
import com.webauthn4j.test.client.RegistrationEmulationOption;

import java.security.interfaces.ECPrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import com.webauthn4j.test.AttestationCertificateBuilder;
import java.util.UUID;

/**
 * Keyward test code, in webauthn4j-test's package because {@code createAttestationCertificate} is package-private.
 * A packed-attestation emulator with an AAGUID of our choice (webauthn4j's PackedAuthenticator is fixed to all
 * zeros). Its attestation key is webauthn4j's test key; {@link #attestationPublicKey} is what an admin trusts.
 */
public final class CustomAaguidAuthenticator extends WebAuthnModelAuthenticator {

    private static final PackedAuthenticator TEMPLATE = new PackedAuthenticator();

    public CustomAaguidAuthenticator(UUID aaguid) {
        super(new AAGUID(aaguid), TEMPLATE.getAttestationKeyPair(), TEMPLATE.getCACertificatePath(),
                TEMPLATE.getAttestationIssuerPrivateKey(), 0, true, new ObjectConverter());
    }

    public PublicKey attestationPublicKey() {
        return getAttestationKeyPair().getPublic();
    }

    /** As webauthn4j's PackedAuthenticator: a leaf for the attestation key, issued by the test CA. */
    @Override
    X509Certificate createAttestationCertificate(AttestationStatementRequest request, AttestationOption option) {
        AttestationCertificateBuilder builder = new AttestationCertificateBuilder(getAttestationIssuerCertificate(),
                new X500Principal(option.getSubjectDN()), getAttestationKeyPair().getPublic());
        if (option.isCAFlagInBasicConstraints()) {
            builder.addBasicConstraintsExtension();
        }
        return builder.build(getAttestationIssuerPrivateKey());
    }

    @Override
    public AttestationStatement createAttestationStatement(AttestationStatementRequest request, RegistrationEmulationOption option) {
        byte[] signature = TestDataUtil.calculateSignature(
                EC2COSEKey.create((ECPrivateKey) getAttestationKeyPair().getPrivate(), COSEAlgorithmIdentifier.ES256), request.getSignedData());
        AttestationOption attestationOption = option == null || option.getAttestationOption() == null
                ? new PackedAttestationOption() : option.getAttestationOption();
        return new PackedAttestationStatement(COSEAlgorithmIdentifier.ES256, signature,
                new AttestationCertificatePath(getAttestationCertificate(request, attestationOption), getCACertificatePath()));
    }
}
