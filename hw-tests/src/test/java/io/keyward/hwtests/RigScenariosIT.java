package io.keyward.hwtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.yubico.yubikit.core.fido.CtapException;
import com.yubico.yubikit.fido.ctap.ClientPin;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.PinMode;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.enrollment.EnrollmentResult;
import io.keyward.station.enrollment.KeyFacts;
import io.keyward.station.enrollment.PinSource;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.simulator.UserPresence;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rig's scenarios (issue "hardware-in-the-loop suite"), each run on every key under test: simulated keys of two
 * models always, physical keys when a rig file names them. Keys are reached only through hid4java; Keyward is a
 * real {@code ./keyward start-dev}.
 */
@ExtendWith(RigReport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RigScenariosIT {

    private static final String RP_ID = "localhost";
    private static final String OPERATOR = "Rita Rig";
    private static final EnrollmentProfile KEEP_PIN = new EnrollmentProfile("rig", false, PinMode.OPERATOR, 6, 4, false, false);

    private static KeywardUnderTest keyward;
    private static StationGraph station;

    static Stream<KeyUnderTest> keys() {
        return KeysUnderTest.all().stream();
    }

    /** One Keyward for the whole run, stopped when JUnit finishes. */
    @RegisterExtension
    static final BeforeAllCallback KEYWARD = context -> {
        keyward = KeywardUnderTest.of(context);
        station = new StationGraph(new KeywardClient(keyward.stationConfig(OPERATOR)));
    };

    private static EnrollmentResult enroll(KeyUnderTest key, JsonNode user) throws Exception {
        Employee employee = station.user(user.path("id").asText());
        return new Enrollment(station, OPERATOR, Clock.systemUTC())
                .enroll(key.usbKey().get(), employee, KEEP_PIN, PinSource.fixed(key.pin(), key.pin()));
    }

    @Test
    void physicalKeysNamedByTheRigFileAreAttached() {
        assumeTrue(RigFile.fromSystemProperties().isPresent(),
                "no rig file: physical keys are not tested (run with -D" + RigFile.PROPERTY + "=rig.properties, see hw-tests/README.md)");
        RigFile.fromSystemProperties().orElseThrow().keys().forEach(spec ->
                assertThat(KeysUnderTest.attached(spec).path()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void getInfoIsSane(KeyUnderTest key) throws Exception {
        KeyFacts facts = KeyOps.withSession(key, (session, protocol, pin) -> KeyFacts.of(session.getInfo()));
        RigReport.describe(key, key.usbKey().get().product(), facts);

        assertThat(facts.ctap2()).as("speaks CTAP2").isTrue();
        assertThat(facts.residentKeys()).as("stores discoverable credentials").isTrue();
        assertThat(facts.pinUvAuthProtocols()).isNotEmpty().allMatch(version -> version == 1 || version == 2);
        assertThat(facts.aaguid().getMostSignificantBits() | facts.aaguid().getLeastSignificantBits()).as("AAGUID not zero").isNotZero();
        assertThat(facts.pinSet()).as("the rig's keys have a PIN").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void provisionedThroughTheStationThenSignsIn(KeyUnderTest key) throws Exception {
        JsonNode user = keyward.admin().createUser("provisioned", "Pat Provisioned");
        try {
            EnrollmentResult result = enroll(key, user);

            assertThat(result.passkey().id()).isNotBlank();
            KeyOps.SignIn signIn = KeyOps.signIn(keyward, key);
            assertThat(signIn.status()).as(signIn.body().toString()).isEqualTo(200);
            assertThat(signIn.upn()).isEqualTo(user.path("userPrincipalName").asText());
        } finally {
            KeyOps.deleteCredentials(key, RP_ID);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void upnChangeKeepsSignInAndTheKeyIsRewritten(KeyUnderTest key) throws Exception {
        JsonNode user = keyward.admin().createUser("renamed", "Rene Renamed");
        String oldUpn = user.path("userPrincipalName").asText();
        String newUpn = "new-" + oldUpn;
        try {
            enroll(key, user);
            keyward.admin().changeUpn(user.path("id").asText(), newUpn);

            KeyOps.SignIn afterChange = KeyOps.signIn(keyward, key);
            assertThat(afterChange.status()).as(afterChange.body().toString()).isEqualTo(200);
            assertThat(afterChange.upn()).isEqualTo(newUpn);
            assertThat(KeyOps.storedUserNames(key, RP_ID)).containsExactly(oldUpn);

            KeyOps.rewriteUser(key, RP_ID, newUpn, "Rene Renamed");

            assertThat(KeyOps.storedUserNames(key, RP_ID)).containsExactly(newUpn);
            KeyOps.SignIn afterRewrite = KeyOps.signIn(keyward, key);
            assertThat(afterRewrite.status()).as(afterRewrite.body().toString()).isEqualTo(200);
        } finally {
            KeyOps.deleteCredentials(key, RP_ID);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void guestIsRefusedBeforeTheKeyIsTouched(KeyUnderTest key) throws Exception {
        JsonNode guest = keyward.admin().inviteGuest("guest-" + System.nanoTime() + "@partner.example");
        int retriesBefore = KeyOps.withSession(key, (session, protocol, pin) -> pin.getPinRetries().getCount());

        assertThatThrownBy(() -> enroll(key, guest)).isInstanceOfSatisfying(EnrollmentFailure.class, failure -> {
            assertThat(failure.reasonCode()).isEqualTo("guestUserNotSupported");
            assertThat(failure.getMessage()).contains("not touched");
        });
        assertThat(KeyOps.storedUserNames(key, RP_ID)).isEmpty();
        int retriesAfter = KeyOps.withSession(key, (session, protocol, pin) -> pin.getPinRetries().getCount());
        assertThat(retriesAfter).isEqualTo(retriesBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void keyRestrictionBlocksSignInUntilRemoved(KeyUnderTest key) throws Exception {
        JsonNode user = keyward.admin().createUser("restricted", "Rhea Restricted");
        try {
            EnrollmentResult enrolled = enroll(key, user);
            keyward.admin().patchPasskeyPolicy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\""
                    + enrolled.key().aaguid() + "\"]}");

            KeyOps.SignIn blocked = KeyOps.signIn(keyward, key);
            assertThat(blocked.status()).isEqualTo(403);
            assertThat(blocked.errorCode()).isEqualTo("aaguidNotAllowed");

            keyward.admin().patchPasskeyPolicy("\"keyRestrictions\":{\"isEnforced\":false,\"enforcementType\":\"block\",\"aaGuids\":[]}");
            assertThat(KeyOps.signIn(keyward, key).status()).isEqualTo(200);
        } finally {
            keyward.admin().patchPasskeyPolicy("\"keyRestrictions\":{\"isEnforced\":false,\"enforcementType\":\"allow\",\"aaGuids\":[]}");
            KeyOps.deleteCredentials(key, RP_ID);
        }
    }

    /**
     * Attestation enforced after registration: the registered key still signs in; a model whose attestation Keyward
     * cannot trust (the simulated keys' root is in no metadata) can no longer register, and the station takes the
     * credential the key made off it again.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void attestationEnforcedAfterRegistration(KeyUnderTest key) throws Exception {
        JsonNode before = keyward.admin().createUser("attested", "Ada Attested");
        JsonNode after = keyward.admin().createUser("late", "Lee Late");
        try {
            enroll(key, before);
            keyward.admin().patchPasskeyPolicy("\"isAttestationEnforced\":true");

            assertThat(KeyOps.signIn(keyward, key).status()).isEqualTo(200);
            if (key.simulator().isPresent()) {
                assertThatThrownBy(() -> enroll(key, after)).isInstanceOfSatisfying(EnrollmentFailure.class, failure -> {
                    assertThat(failure.reasonCode()).isIn("attestationNotTrusted", "attestationRequired");
                    assertThat(failure.getMessage()).contains("deleted from the key");
                });
                assertThat(KeyOps.storedUserNames(key, RP_ID)).containsExactly(before.path("userPrincipalName").asText());
            }
        } finally {
            keyward.admin().patchPasskeyPolicy("\"isAttestationEnforced\":false");
            KeyOps.deleteCredentials(key, RP_ID);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void pinChangeAndWrongPinRetries(KeyUnderTest key) throws Exception {
        assumeTrue(key.destructive(), "the rig file does not allow PIN tests on " + key);
        KeyOps.withSession(key, (session, protocol, pin) -> {
            char[] current = key.pin().toCharArray();
            char[] other = "97531864".toCharArray();
            pin.changePin(current, other);
            try {
                assertThatThrownBy(() -> pin.getPinToken(current, ClientPin.PIN_PERMISSION_MC, RP_ID))
                        .isInstanceOfSatisfying(CtapException.class, e -> assertThat(e.getCtapError()).isEqualTo(CtapException.ERR_PIN_INVALID));
                assertThat(pin.getPinRetries().getCount()).isEqualTo(7);
                assertThat(pin.getPinToken(other, ClientPin.PIN_PERMISSION_MC, RP_ID)).isNotEmpty();
                assertThat(pin.getPinRetries().getCount()).isEqualTo(8);
            } finally {
                pin.changePin(other, current);
            }
            return null;
        });
    }

    /**
     * PIN lock-out (destructive): the station is given a wrong PIN until the key blocks its PIN. Each wrong PIN is
     * {@code pinInvalid} with the tries left as the key counts them; three in a row are {@code pinAuthBlocked} (the
     * key is re-plugged); the last try is {@code pinBlocked}, and so is the right PIN afterwards. Nothing else
     * changes: no passkey on the key or in Keyward. The key is then reset (within 10 s of a re-plug, with a touch)
     * and gets its PIN back. Runs last: on a physical key this erases it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    @Order(Integer.MAX_VALUE)
    void wrongPinsUntilTheKeyBlocksItsPin(KeyUnderTest key) throws Exception {
        assumeTrue(key.destructive(), "the rig file does not allow PIN tests on " + key);
        JsonNode user = keyward.admin().createUser("locked", "Lou Locked");
        Employee employee = station.user(user.path("id").asText());
        Enrollment enrollment = new Enrollment(station, OPERATOR, Clock.systemUTC());
        String wrong = key.pin().equals("00000000") ? "11111111" : "00000000";
        KeyFacts before = KeyOps.withSession(key, (session, protocol, pin) -> KeyFacts.of(session.getInfo()));
        int retriesBefore = KeyOps.withSession(key, (session, protocol, pin) -> pin.getPinRetries().getCount());
        int retries = retriesBefore;
        List<String> codes = new ArrayList<>();
        boolean restored = false;
        try {
            int inARow = 0;
            while (retries > 0) {
                EnrollmentFailure failure = failure(() -> enrollment.enroll(key.usbKey().get(), employee, KEEP_PIN,
                        PinSource.fixed(wrong, wrong)));
                retries--;
                inARow++;
                codes.add(failure.reasonCode());
                if (retries == 0) {
                    assertThat(failure.reasonCode()).as(failure.getMessage()).isEqualTo("pinBlocked");
                    assertThat(failure.getMessage()).contains("Only a reset");
                } else if (inARow == 3) {
                    assertThat(failure.reasonCode()).as(failure.getMessage()).isEqualTo("pinAuthBlocked");
                    assertThat(failure.getMessage()).contains(retries + (retries == 1 ? " try left" : " tries left"), "insert it again");
                    KeyOps.replug(key, "three wrong PINs in a row");
                    inARow = 0;
                } else {
                    assertThat(failure.reasonCode()).as(failure.getMessage()).isEqualTo("pinInvalid");
                    assertThat(failure.getMessage()).contains(retries + (retries == 1 ? " try left" : " tries left"));
                }
                RigReport.note(failure.reasonCode() + " (" + retries + " left)");
            }
            EnrollmentFailure blocked = failure(() -> enrollment.enroll(key.usbKey().get(), employee, KEEP_PIN,
                    PinSource.fixed(key.pin(), key.pin())));
            assertThat(blocked.reasonCode()).as("the right PIN, too late").isEqualTo("pinBlocked");
            assertThat(codes).as("each wrong PIN had its answer").contains("pinInvalid").endsWith("pinBlocked");

            KeyFacts after = KeyOps.withSession(key, (session, protocol, pin) -> KeyFacts.of(session.getInfo()));
            assertThat(after.remainingResidentCredentials()).as("no passkey was made").isEqualTo(before.remainingResidentCredentials());
            assertThat(after.pinSet()).isTrue();
            assertThat(after.forcePinChange()).isEqualTo(before.forcePinChange());
            assertThat(after.minPinLength()).isEqualTo(before.minPinLength());
            key.simulator().ifPresent(simulator -> assertThat(simulator.discoverableCredentialRpIds()).isEmpty());
            assertThat(keyward.admin().passkeys(user.path("id").asText()).path("value")).as("nothing registered").isEmpty();

            resetAndSetPin(key);
            restored = true;
            int retriesAfterReset = KeyOps.withSession(key, (session, protocol, pin) -> pin.getPinRetries().getCount());
            assertThat(retriesAfterReset).as("the reset gave the PIN all its tries back").isGreaterThanOrEqualTo(retriesBefore);
            byte[] token = KeyOps.withSession(key, (session, protocol, pin) ->
                    pin.getPinToken(key.pin().toCharArray(), ClientPin.PIN_PERMISSION_MC, RP_ID));
            assertThat(token).as("the PIN set again works").isNotEmpty();
        } finally {
            if (!restored) {
                resetAndSetPin(key);
            }
        }
    }

    /** Reset (within 10 s of a re-plug, with a touch): no PIN; then the key's PIN is set again (ClientPin setPin). */
    private static void resetAndSetPin(KeyUnderTest key) throws Exception {
        KeyOps.replug(key, "the reset after the PIN lock-out (touch the key when it blinks)");
        KeyOps.withSession(key, (session, protocol, pin) -> {
            session.reset(null);
            return null;
        });
        boolean pinAfterReset = KeyOps.withSession(key, (session, protocol, pin) -> KeyFacts.of(session.getInfo()).pinSet());
        assertThat(pinAfterReset).as("a reset key has no PIN").isFalse();
        KeyOps.withSession(key, (session, protocol, pin) -> {
            pin.setPin(key.pin().toCharArray());
            return null;
        });
        boolean pinSetAgain = KeyOps.withSession(key, (session, protocol, pin) -> KeyFacts.of(session.getInfo()).pinSet());
        assertThat(pinSetAgain).isTrue();
    }

    private static EnrollmentFailure failure(ThrowingCall call) {
        try {
            call.run();
        } catch (EnrollmentFailure failure) {
            return failure;
        } catch (Exception e) {
            throw new AssertionError("expected the station to stop the enrollment, got " + e, e);
        }
        throw new AssertionError("expected the station to stop the enrollment; it enrolled the key");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void ctaphidRefusesAnUnknownChannelAndAnOutOfOrderPacket(KeyUnderTest key) throws Exception {
        try (HidFidoConnection connection = key.usbKey().get().open()) {
            Ctaphid hid = new Ctaphid(connection);
            assertThat(hid.errorFor(0x0badcafe, Ctaphid.PING, new byte[]{1})).as("ERR_INVALID_CHANNEL").isEqualTo(0x0b);

            int channel = hid.init();
            assertThat(hid.outOfSequence(channel)).as("ERR_INVALID_SEQ").isEqualTo(0x04);
            assertThat(hid.stalled(channel)).as("ERR_MSG_TIMEOUT").isEqualTo(0x05);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void ctaphidChannelIsBusyWhileTheKeyWaitsForATouch(KeyUnderTest key) throws Exception {
        KeyFacts facts = KeyOps.withSession(key, (session, protocol, pin) -> KeyFacts.of(session.getInfo()));
        assumeTrue(facts.versions().contains("FIDO_2_1"), "authenticatorSelection needs CTAP 2.1");
        key.simulator().ifPresent(simulator -> simulator.userPresence(UserPresence.never()));
        try (HidFidoConnection connection = key.usbKey().get().open()) {
            Ctaphid hid = new Ctaphid(connection);
            int waiting = hid.init();
            int other = hid.init();
            hid.send(waiting, Ctaphid.CBOR, new byte[]{0x0b}); // authenticatorSelection: blinks, waits for a touch

            assertThat(hid.errorFor(other, Ctaphid.PING, new byte[]{1})).as("ERR_CHANNEL_BUSY").isEqualTo(0x06);
            hid.send(waiting, Ctaphid.CANCEL, new byte[0]);
            assertThat(hid.cborStatus(waiting)).as("CTAP2_ERR_KEEPALIVE_CANCEL").isEqualTo(0x2d);
        } finally {
            key.simulator().ifPresent(simulator -> simulator.userPresence(UserPresence.immediately()));
        }
    }

    /** The directory audit log shows the provisioning: the station's app and its operator as initiator, the user, the key's AAGUID. */
    @Test
    void auditLogShowsTheProvisioningByTheStationsApp() throws Exception {
        KeyUnderTest key = KeysUnderTest.all().get(0);
        JsonNode user = keyward.admin().createUser("audited", "Aud Audited");
        try {
            EnrollmentResult enrolled = enroll(key, user);

            JsonNode audits = keyward.admin().directoryAudits("activityDisplayName eq 'User registered security info'");
            List<JsonNode> forUser = java.util.stream.StreamSupport.stream(audits.path("value").spliterator(), false)
                    .filter(audit -> audit.path("targetResources").path(0).path("id").asText().equals(user.path("id").asText()))
                    .toList();
            assertThat(forUser).as(audits.toString()).singleElement().satisfies(audit -> {
                assertThat(audit.path("initiatedBy").path("app").path("appId").asText())
                        .isEqualTo(keyward.stationConfig(OPERATOR).clientId());
                assertThat(audit.path("initiatedBy").path("app").path("displayName").asText())
                        .as("the operator the station works for").endsWith("(operator: " + OPERATOR + ")");
                assertThat(audit.path("targetResources").path(0).path("modifiedProperties").toString())
                        .contains(enrolled.key().aaguid().toString());
            });
        } finally {
            KeyOps.deleteCredentials(key, RP_ID);
        }
    }
}
