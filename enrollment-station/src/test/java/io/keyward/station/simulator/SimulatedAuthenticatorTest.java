package io.keyward.station.simulator;

import com.yubico.yubikit.core.application.CommandState;
import com.yubico.yubikit.core.fido.CtapException;
import com.yubico.yubikit.fido.Cose;
import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.Config;
import com.yubico.yubikit.fido.ctap.CredentialManagement;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocol;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV1;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV2;
import com.yubico.yubikit.fido.webauthn.AuthenticatorData;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated key driven by yubikit, an independent CTAP2 client, without USB. */
class SimulatedAuthenticatorTest {

    private static final String RP_ID = "keyward.test";
    private static final char[] PIN = "271828".toCharArray();

    private SimulatedKeyFixture fixture;

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Ctap2Session session(KeyModel model) throws Exception {
        fixture = new SimulatedKeyFixture(model);
        return fixture.session;
    }

    @Test
    void getInfoDescribesTheModel() throws Exception {
        Ctap2Session.InfoData info = session(KeyModel.KEYWARD_SIM_A).getInfo();

        assertThat(info.getVersions()).containsExactly("FIDO_2_0", "FIDO_2_1");
        assertThat(ByteBuffer.wrap(info.getAaguid()).getLong()).isEqualTo(KeyModel.KEYWARD_SIM_A.aaguid().getMostSignificantBits());
        assertThat(asMap(info.getOptions())).containsEntry("rk", true).containsEntry("clientPin", false)
                .containsEntry("credMgmt", true).containsEntry("authnrCfg", true);
        assertThat(info.getPinUvAuthProtocols()).containsExactly(2, 1);
        assertThat(info.getFirmwareVersion()).isEqualTo(0x0501);
        assertThat(info.getRemainingDiscoverableCredentials()).isEqualTo(25);
    }

    @Test
    void ctap20ModelOffersProtocolOneAndNoManagement() throws Exception {
        Ctap2Session.InfoData info = session(KeyModel.KEYWARD_SIM_LEGACY).getInfo();

        assertThat(info.getVersions()).containsExactly("FIDO_2_0");
        assertThat(info.getPinUvAuthProtocols()).containsExactly(1);
        assertThat(CredentialManagement.isSupported(info)).isFalse();
        assertThat(Config.isSupported(info)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void pinSetAndTokenWorkWithBothProtocols(int version) throws Exception {
        ClientPin pin = new ClientPin(session(KeyModel.KEYWARD_SIM_A), protocol(version));

        pin.setPin(PIN);

        assertThat(asMap(fixture.session.getInfo().getOptions())).containsEntry("clientPin", true);
        assertThat(pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID)).hasSize(32);
        assertThat(pin.getPinRetries().getCount()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void wrongPinCostsARetryAndThreeInARowNeedAPowerCycle(int version) throws Exception {
        ClientPin pin = new ClientPin(session(KeyModel.KEYWARD_SIM_A), protocol(version));
        pin.setPin(PIN);

        assertCtapError(() -> pin.getPinToken("000000".toCharArray(), ClientPin.PIN_PERMISSION_MC, RP_ID), CtapException.ERR_PIN_INVALID);
        assertCtapError(() -> pin.getPinToken("000000".toCharArray(), ClientPin.PIN_PERMISSION_MC, RP_ID), CtapException.ERR_PIN_INVALID);
        assertCtapError(() -> pin.getPinToken("000000".toCharArray(), ClientPin.PIN_PERMISSION_MC, RP_ID), CtapException.ERR_PIN_AUTH_BLOCKED);
        assertThat(pin.getPinRetries().getCount()).isEqualTo(5);
        assertThat(pin.getPinRetries().getPowerCycleState()).isTrue();
        assertCtapError(() -> pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID), CtapException.ERR_PIN_AUTH_BLOCKED);

        fixture.key.powerCycle();

        assertThat(pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID)).hasSize(32);
        assertThat(pin.getPinRetries().getCount()).isEqualTo(8);
    }

    @Test
    void eightWrongPinsBlockThePinUntilReset() throws Exception {
        ClientPin pin = new ClientPin(session(KeyModel.KEYWARD_SIM_A), new PinUvAuthProtocolV2());
        pin.setPin(PIN);
        for (int attempt = 1; attempt <= 7; attempt++) {
            try {
                pin.getPinToken("999999".toCharArray(), ClientPin.PIN_PERMISSION_MC, RP_ID);
            } catch (CtapException expected) {
                if (attempt % 3 == 0) {
                    fixture.key.powerCycle();
                }
            }
        }
        assertThat(pin.getPinRetries().getCount()).isEqualTo(1);

        assertCtapError(() -> pin.getPinToken("999999".toCharArray(), ClientPin.PIN_PERMISSION_MC, RP_ID), CtapException.ERR_PIN_BLOCKED);
        fixture.key.powerCycle();
        assertCtapError(() -> pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID), CtapException.ERR_PIN_BLOCKED);

        fixture.session.reset(null);
        assertThat(asMap(fixture.session.getInfo().getOptions())).containsEntry("clientPin", false);
    }

    @Test
    void pinShorterThanTheMinimumIsRefusedByTheKey() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        new Config(session, new PinUvAuthProtocolV2(), new byte[32]).setMinPinLength(6, null, null);
        ClientPin pin = new ClientPin(session, new PinUvAuthProtocolV2());

        assertCtapError(() -> pin.setPin("12345".toCharArray()), CtapException.ERR_PIN_POLICY_VIOLATION);
        pin.setPin("123456".toCharArray());
    }

    @Test
    void makeCredentialGivesPackedAttestationFromTheModelsBatchCertificate() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_B);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);
        byte[] clientDataHash = sha256("client data");
        byte[] token = pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID);

        Ctap2Session.CredentialData credential = makeResidentCredential(session, protocol, token, clientDataHash, "jane@keyward.test");

        assertThat(credential.getFormat()).isEqualTo("packed");
        AuthenticatorData authData = AuthenticatorData.parseFrom(ByteBuffer.wrap(credential.getAuthenticatorData()));
        assertThat(authData.isUp()).isTrue();
        assertThat(authData.isUv()).isTrue();
        assertThat(authData.getRpIdHash()).isEqualTo(sha256(RP_ID));
        assertThat(authData.getAttestedCredentialData().getAaguid()).isEqualTo(AttestationAuthority.bytes(KeyModel.KEYWARD_SIM_B.aaguid()));
        Map<String, ?> statement = credential.getAttestationStatement();
        assertThat(statement.get("alg")).isEqualTo(-7);
        X509Certificate batch = certificate((byte[]) ((List<?>) statement.get("x5c")).get(0));
        batch.verify(SimulatedKeyFixture.AUTHORITY.root().getPublicKey());
        assertThat(batch.getSubjectX500Principal().getName()).contains("OU=Authenticator Attestation");
        assertThat(batch.getBasicConstraints()).isEqualTo(-1);
        byte[] aaguidExtension = ASN1OctetString.getInstance(
                ASN1OctetString.getInstance(batch.getExtensionValue("1.3.6.1.4.1.45724.1.1.4")).getOctets()).getOctets();
        assertThat(aaguidExtension).isEqualTo(AttestationAuthority.bytes(KeyModel.KEYWARD_SIM_B.aaguid()));
        assertThat(verifies(batch.getPublicKey(), (byte[]) statement.get("sig"), credential.getAuthenticatorData(), clientDataHash)).isTrue();
    }

    @Test
    void makeCredentialWithoutPinUvAuthParamIsRefusedOnceAPinIsSet() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        new ClientPin(session, new PinUvAuthProtocolV2()).setPin(PIN);

        assertCtapError(() -> session.makeCredential(sha256("x"), Map.of("id", RP_ID), user("a@b"), es256(),
                null, null, Map.of("rk", true), null, null, null, null), CtapException.ERR_PUAT_REQUIRED);
    }

    @Test
    void aTokenMakesOneCredentialOnly() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);
        byte[] token = pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID);
        makeResidentCredential(session, protocol, token, sha256("one"), "a@keyward.test");

        assertCtapError(() -> makeResidentCredential(session, protocol, token, sha256("two"), "b@keyward.test"),
                CtapException.ERR_PIN_AUTH_INVALID);
    }

    @Test
    void tokenBoundToAnotherRpIsRefused() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);
        byte[] token = pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, "other.example");

        assertCtapError(() -> makeResidentCredential(session, protocol, token, sha256("x"), "a@keyward.test"),
                CtapException.ERR_PIN_AUTH_INVALID);
    }

    @Test
    void discoverableCredentialSignsAssertionsWithARisingCounter() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);
        Ctap2Session.CredentialData created = makeResidentCredential(session, protocol,
                pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID), sha256("c"), "jane@keyward.test");
        PublicKey credentialKey = Cose.getPublicKey(AuthenticatorData.parseFrom(ByteBuffer.wrap(created.getAuthenticatorData()))
                .getAttestedCredentialData().getCosePublicKey());

        byte[] clientDataHash = sha256("sign in");
        byte[] token = pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_GA, RP_ID);
        Ctap2Session.AssertionData first = session.getAssertions(RP_ID, clientDataHash, null, null, null,
                protocol.authenticate(token, clientDataHash), protocol.getVersion(), null).get(0);
        Ctap2Session.AssertionData second = session.getAssertions(RP_ID, clientDataHash, null, null, Map.of("up", true),
                null, null, null).get(0);

        assertThat(verifies(credentialKey, first.getSignature(), first.getAuthenticatorData(), clientDataHash)).isTrue();
        assertThat(asMap(first.getUser())).containsEntry("name", "jane@keyward.test");
        assertThat(asMap(second.getUser())).doesNotContainKey("name");
        AuthenticatorData firstData = AuthenticatorData.parseFrom(ByteBuffer.wrap(first.getAuthenticatorData()));
        AuthenticatorData secondData = AuthenticatorData.parseFrom(ByteBuffer.wrap(second.getAuthenticatorData()));
        assertThat(firstData.isUv()).isTrue();
        assertThat(secondData.isUv()).isFalse();
        assertThat(secondData.getSignCount()).isGreaterThan(firstData.getSignCount());
    }

    @Test
    void credentialManagementListsRenamesAndDeletes() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);
        makeResidentCredential(session, protocol, pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID), sha256("1"), "old@keyward.test");
        CredentialManagement management = new CredentialManagement(session, protocol,
                pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_CM, null));

        assertThat(management.getMetadata().getExistingResidentCredentialsCount()).isEqualTo(1);
        assertThat(management.getMetadata().getMaxPossibleRemainingResidentCredentialsCount()).isEqualTo(24);
        CredentialManagement.RpData rp = management.enumerateRps().get(0);
        assertThat(asMap(rp.getRp())).containsEntry("id", RP_ID);
        CredentialManagement.CredentialData stored = management.enumerateCredentials(rp.getRpIdHash()).get(0);
        assertThat(asMap(stored.getUser())).containsEntry("name", "old@keyward.test");

        Map<String, Object> renamed = Map.of("id", stored.getUser().get("id"), "name", "new@keyward.test", "displayName", "Jane");
        management.updateUserInformation(stored.getCredentialId(), renamed);
        assertThat(fixture.key.discoverableCredentialUserNames()).containsExactly("new@keyward.test");

        management.deleteCredential(stored.getCredentialId());
        assertThat(fixture.key.discoverableCredentialRpIds()).isEmpty();
    }

    @Test
    void updateUserInformationRefusesAnotherUserId() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);
        makeResidentCredential(session, protocol, pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID), sha256("1"), "a@keyward.test");
        CredentialManagement management = new CredentialManagement(session, protocol, pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_CM, null));
        CredentialManagement.CredentialData stored = management.enumerateCredentials(sha256(RP_ID)).get(0);

        assertCtapError(() -> management.updateUserInformation(stored.getCredentialId(),
                Map.of("id", new byte[]{9}, "name", "x")), CtapException.ERR_INVALID_PARAMETER);
    }

    @Test
    void setMinPinLengthCanForceAPinChange() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);
        Config config = new Config(session, protocol, pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_ACFG, null));

        config.setMinPinLength(6, null, true);

        assertThat(session.getInfo().getForcePinChange()).isTrue();
        assertThat(session.getInfo().getMinPinLength()).isEqualTo(6);
        assertCtapError(() -> pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_MC, RP_ID), CtapException.ERR_PIN_POLICY_VIOLATION);
        assertCtapError(() -> pin.changePin(PIN, "12345".toCharArray()), CtapException.ERR_PIN_POLICY_VIOLATION);
        pin.changePin(PIN, "314159".toCharArray());
        assertThat(session.getInfo().getForcePinChange()).isFalse();
    }

    @Test
    void configWithoutTokenIsRefusedOnceAPinIsSet() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        new ClientPin(session, new PinUvAuthProtocolV2()).setPin(PIN);

        assertCtapError(() -> session.config(Byte.valueOf((byte) 0x02), null, null, null), CtapException.ERR_PUAT_REQUIRED);
    }

    @Test
    void toggleAlwaysUvShowsInGetInfo() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        PinUvAuthProtocol protocol = new PinUvAuthProtocolV2();
        ClientPin pin = new ClientPin(session, protocol);
        pin.setPin(PIN);

        new Config(session, protocol, pin.getPinToken(PIN, ClientPin.PIN_PERMISSION_ACFG, null)).toggleAlwaysUv();

        assertThat(asMap(session.getInfo().getOptions())).containsEntry("alwaysUv", true);
    }

    @Test
    void resetWorksOnlyWithinTenSecondsOfPowerUp() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        new ClientPin(session, new PinUvAuthProtocolV2()).setPin(PIN);
        fixture.clock.advance(Duration.ofSeconds(11));

        assertCtapError(() -> session.reset(null), CtapException.ERR_NOT_ALLOWED);

        fixture.key.powerCycle();
        session.reset(null);
        assertThat(asMap(session.getInfo().getOptions())).containsEntry("clientPin", false);
    }

    @Test
    void noTouchEndsInUserActionTimeout() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        fixture.key.userPresence(UserPresence.never());
        fixture.key.touchTimeout(Duration.ofMillis(300));

        assertCtapError(() -> session.makeCredential(sha256("x"), Map.of("id", RP_ID), user("a@b"), es256(),
                null, null, null, null, null, null, null), CtapException.ERR_USER_ACTION_TIMEOUT);
    }

    @Test
    void cancelWhileWaitingForTouchEndsTheCommand() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        fixture.key.userPresence(UserPresence.never());
        CommandState state = new CommandState();
        new Thread(() -> {
            sleep(300);
            state.cancel();
        }).start();

        assertCtapError(() -> session.makeCredential(sha256("x"), Map.of("id", RP_ID), user("a@b"), es256(),
                null, null, null, null, null, null, state), CtapException.ERR_KEEPALIVE_CANCEL);
    }

    @Test
    void excludedCredentialIsRefusedAfterATouch() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_A);
        Ctap2Session.CredentialData created = session.makeCredential(sha256("x"), Map.of("id", RP_ID), user("a@b"), es256(),
                null, null, Map.of("rk", true), null, null, null, null);
        byte[] credentialId = AuthenticatorData.parseFrom(ByteBuffer.wrap(created.getAuthenticatorData()))
                .getAttestedCredentialData().getCredentialId();

        assertCtapError(() -> session.makeCredential(sha256("y"), Map.of("id", RP_ID), user("a@b"), es256(),
                List.of(Map.of("type", "public-key", "id", credentialId)), null, Map.of("rk", true), null, null, null, null),
                CtapException.ERR_CREDENTIAL_EXCLUDED);
    }

    @Test
    void fullKeyRefusesAnotherDiscoverableCredential() throws Exception {
        Ctap2Session session = session(KeyModel.KEYWARD_SIM_B);
        for (int slot = 0; slot < KeyModel.KEYWARD_SIM_B.residentKeySlots(); slot++) {
            session.makeCredential(sha256("x"), Map.of("id", RP_ID), user("u" + slot + "@b"), es256(), null, null,
                    Map.of("rk", true), null, null, null, null);
        }

        assertThat(session.getInfo().getRemainingDiscoverableCredentials()).isZero();
        assertCtapError(() -> session.makeCredential(sha256("x"), Map.of("id", RP_ID), user("full@b"), es256(), null, null,
                Map.of("rk", true), null, null, null, null), CtapException.ERR_KEY_STORE_FULL);
    }

    static Ctap2Session.CredentialData makeResidentCredential(Ctap2Session session, PinUvAuthProtocol protocol, byte[] token,
                                                              byte[] clientDataHash, String userName) throws Exception {
        return session.makeCredential(clientDataHash, Map.of("id", RP_ID, "name", "Keyward"), user(userName), es256(),
                null, null, Map.of("rk", true), protocol.authenticate(token, clientDataHash), protocol.getVersion(), null, null);
    }

    static Map<String, Object> user(String name) {
        return Map.of("id", sha256(name), "name", name, "displayName", name);
    }

    static List<Map<String, ?>> es256() {
        return List.of(Map.of("type", "public-key", "alg", -7));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Map<String, ?> map) {
        return (Map<String, Object>) map;
    }

    private static PinUvAuthProtocol protocol(int version) {
        return version == 2 ? new PinUvAuthProtocolV2() : new PinUvAuthProtocolV1();
    }

    private static boolean verifies(PublicKey key, byte[] signature, byte[] authData, byte[] clientDataHash) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(authData);
        verifier.update(clientDataHash);
        return verifier.verify(signature);
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    interface CtapCall {
        void run() throws Exception;
    }

    private static void assertCtapError(CtapCall call, byte expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CtapException.class,
                e -> assertThat(e.getCtapError()).as(e.getErrorName()).isEqualTo(expected));
    }
}
