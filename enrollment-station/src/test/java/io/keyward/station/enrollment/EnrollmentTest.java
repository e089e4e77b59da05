package io.keyward.station.enrollment;

import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.PinMode;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.KeywardClient;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.simulator.SimulatedAuthenticator;
import io.keyward.station.simulator.UserPresence;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single enrollments on simulated keys through the real USB stack (hid4java, umockdev hidraw), against a stand-in
 * Keyward: the success path and every failure the station must handle without leaving a half-registered key.
 */
class EnrollmentTest {

    private static final Employee JANE = new Employee("u-1", "jane@contoso.test", "Jane Doe", false, true);
    private static final EnrollmentProfile OPERATOR_PIN = new EnrollmentProfile("op", false, PinMode.OPERATOR, 6, 4, false, false);

    private static SimulatedUsbKeys bus;
    private static final UsbKeys usb = new UsbKeys();
    private FakeKeyward keyward;
    private Enrollment enrollment;

    @BeforeAll
    static void startBus() throws IOException {
        bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward Station Test Root"));
        bus.exposeToThisProcess();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @BeforeEach
    void startKeyward() throws IOException {
        keyward = new FakeKeyward();
        enrollment = new Enrollment(new StationGraph(new KeywardClient(keyward.config())), "Olga Operator", Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        keyward.close();
        for (SimulatedUsbKey key : bus.plugged()) {
            bus.pull(key);
        }
    }

    private SimulatedAuthenticator plugIn(KeyModel model) throws IOException {
        return bus.plugIn(model).authenticator();
    }

    private UsbKey theKey() {
        assertThat(usb.attached()).hasSize(1);
        return usb.attached().get(0);
    }

    @Test
    void enrollsANewKeyWithARandomPinAndRegistersIt() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);

        EnrollmentResult result = enrollment.enroll(theKey(), JANE, EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x"));

        assertThat(result.passkey().id()).isEqualTo("m-1");
        assertThat(result.pinSet()).isTrue();
        assertThat(result.randomPin()).hasValueSatisfying(pin -> assertThat(new String(pin)).matches("[0-9]{6}"));
        assertThat(result.operator()).isEqualTo("Olga Operator");
        assertThat(key.pinSet()).isTrue();
        assertThat(key.discoverableCredentialUserNames()).containsExactly("jane@contoso.test");
        // "Keyward Simulated Key A" + serial is 32 characters: the model is shortened so the serial stays (30 at most).
        assertThat(keyward.registrations.get(0).path("displayName").asText()).isEqualTo("Keyward Simulated Key " + key.serial());
        assertThat(keyward.registrations.get(0).path("@keyward.provisioning").toString()).as("what Keyward's audit records")
                .isEqualTo("{\"pinSet\":true,\"pinChangeForced\":false,\"minimumPinLength\":4,\"alwaysUv\":false}");
    }

    @Test
    void keyWithAPinIsUnlockedWithIt() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        key.presetPin("246810");

        EnrollmentResult result = enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("unused", "246810"));

        assertThat(result.pinSet()).isFalse();
        assertThat(result.randomPin()).isEmpty();
        assertThat(keyward.registrations).hasSize(1);
        assertThat(keyward.registrations.get(0).path("@keyward.provisioning").path("pinSet").asBoolean(true)).isFalse();
    }

    @Test
    void guestIsRefusedBeforeTheKeyIsTouched() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        Employee guest = new Employee("u-2", "ext_guest#EXT#@contoso.test", "Gus Guest", true, true);

        assertFailure(() -> enrollment.enroll(theKey(), guest, EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x")),
                "guestUserNotSupported", "not touched");
        assertUntouched(key);
    }

    @Test
    void keywardRefusalOfCreationOptionsStopsBeforeTheKeyIsTouched() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        keyward.creationOptionsRefusal = Optional.of(new String[]{"403", "selfServiceRegistrationDisabled", "Self-service setup is off."});

        assertFailure(() -> enrollment.enroll(theKey(), JANE, EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x")),
                "selfServiceRegistrationDisabled", "Self-service setup is off.");
        assertUntouched(key);
    }

    @Test
    void keywardDownStopsBeforeTheKeyIsTouched() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        keyward.close();

        assertFailure(() -> enrollment.enroll(theKey(), JANE, EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x")),
                "keywardUnreachable", "does not answer");
        assertUntouched(key);
    }

    @Test
    void keyModelBlockedByThePolicyIsRefusedBeforeItIsChanged() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_B);
        keyward.keyRestrictions = FakeKeyward.json("{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\""
                + KeyModel.KEYWARD_SIM_B.aaguid() + "\"]}");

        assertFailure(() -> enrollment.enroll(theKey(), JANE, EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x")),
                "aaguidNotAllowed", KeyModel.KEYWARD_SIM_B.aaguid().toString());
        assertUntouched(key);
    }

    @Test
    void compromisedModelIsRefusedBeforeItIsChanged() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        keyward.compromisedModels = Map.of(KeyModel.KEYWARD_SIM_A.aaguid().toString(), true);

        assertFailure(() -> enrollment.enroll(theKey(), JANE, EnrollmentProfile.DEFAULT, PinSource.fixed("x", "x")),
                "authenticatorCompromised", "Listed Model");
        assertUntouched(key);
    }

    @Test
    void aModelIsLookedUpOnceInABatchUntilItsAnswerIsStale() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.now());
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        Enrollment batch = new Enrollment(new StationGraph(new KeywardClient(keyward.config()), clock), "Olga Operator", clock);
        plugIn(KeyModel.KEYWARD_SIM_A);
        batch.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("135790", "x"));
        bus.pull(bus.plugged().get(0));
        plugIn(KeyModel.KEYWARD_SIM_A);
        batch.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("135790", "x"));
        assertThat(keyward.modelLookups.get()).as("the second key of the model").isEqualTo(1);

        bus.pull(bus.plugged().get(0));
        keyward.compromisedModels = Map.of(KeyModel.KEYWARD_SIM_A.aaguid().toString(), true);
        now.set(now.get().plus(StationGraph.MODEL_FRESHNESS).plusSeconds(1));
        SimulatedAuthenticator third = plugIn(KeyModel.KEYWARD_SIM_A);

        assertFailure(() -> batch.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("135790", "x")),
                "authenticatorCompromised", "reported compromised");
        assertThat(keyward.modelLookups.get()).isEqualTo(2);
        assertUntouched(third);
    }

    @Test
    void thePinReachesNeitherTheLogNorKeyward() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        String pin = "Kiosk!PIN:4711";
        EnrollmentProfile strict = new EnrollmentProfile("strict", false, PinMode.OPERATOR, 8, 8, true, true);
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(new java.util.logging.SimpleFormatter().format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            enrollment.enroll(theKey(), JANE, strict, PinSource.fixed(pin, "x"));
        } finally {
            root.removeHandler(capture);
        }

        assertThat(key.pinSet()).isTrue();
        assertThat(logged).as("the station logged the enrollment").anyMatch(line -> line.contains("enrolled a key for jane@contoso.test"));
        assertThat(logged).noneMatch(line -> line.contains(pin));
        assertThat(keyward.requests).hasSizeGreaterThanOrEqualTo(4).noneMatch(request -> request.contains(pin));
    }

    @Test
    void keywardDownAfterTheKeyMadeACredentialDeletesItFromTheKey() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        keyward.registrationRefusal = Optional.of(new String[]{"503", "serviceUnavailable", "Keyward is restarting."});

        EnrollmentFailure failure = failure(() -> enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("135790", "x")));

        assertThat(failure.reasonCode()).isEqualTo("keywardUnreachable");
        assertThat(failure.getMessage()).contains("not registered", "deleted from the key");
        assertThat(key.discoverableCredentialRpIds()).isEmpty();
    }

    @Test
    void registrationRefusedAfterTheKeyMadeACredentialDeletesItFromTheKey() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        keyward.registrationRefusal = Optional.of(new String[]{"400", "challengeExpired", "The challenge has expired."});

        EnrollmentFailure failure = failure(() -> enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("135790", "x")));

        assertThat(failure.reasonCode()).isEqualTo("challengeExpired");
        assertThat(failure.getMessage()).contains("deleted from the key");
        assertThat(failure.leftOnKey()).isEmpty();
        assertThat(key.discoverableCredentialRpIds()).isEmpty();
    }

    @Test
    void keyWithoutCredentialManagementSaysWhatIsLeftOnIt() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_LEGACY);
        keyward.registrationRefusal = Optional.of(new String[]{"403", "aaguidNotAllowed", "Not allowed."});

        EnrollmentFailure failure = failure(() -> enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("135790", "x")));

        assertThat(failure.reasonCode()).isEqualTo("aaguidNotAllowed");
        assertThat(failure.leftOnKey()).hasValueSatisfying(left -> assertThat(left).contains("jane@contoso.test"));
        assertThat(failure.getMessage()).contains("reset the key");
        assertThat(key.discoverableCredentialRpIds()).containsExactly("keyward.test");
    }

    @Test
    void wrongPinSaysHowManyTriesAreLeft() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        key.presetPin("246810");

        assertFailure(() -> enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("x", "111111")),
                "pinInvalid", "7 tries left");
        assertThat(keyward.registrations).isEmpty();
    }

    @Test
    void blockedPinIsReportedWithWhatHelps() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        key.presetPin("246810");
        for (int attempt = 0; attempt < 8; attempt++) {
            try {
                enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("x", "111111"));
            } catch (EnrollmentFailure expected) {
                key.powerCycle();
            }
        }

        assertFailure(() -> enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("x", "246810")),
                "pinBlocked", "reset");
    }

    @Test
    void noTouchEndsWithNothingRegistered() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        key.userPresence(UserPresence.never());
        key.touchTimeout(Duration.ofMillis(500));

        assertFailure(() -> enrollment.enroll(theKey(), JANE, OPERATOR_PIN, PinSource.fixed("135790", "x")),
                "touchTimeout", "Nobody touched the key");
        assertThat(keyward.registrations).isEmpty();
        assertThat(key.discoverableCredentialRpIds()).isEmpty();
    }

    @Test
    void keyPulledWhileWaitingForATouchEndsWithNothingRegistered() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        key.userPresence(UserPresence.after(Duration.ofSeconds(3)));
        UsbKey usbKey = theKey();
        Thread puller = new Thread(() -> {
            try {
                Thread.sleep(700);
                bus.pull(bus.plugged().get(0));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        puller.start();

        assertFailure(() -> enrollment.enroll(usbKey, JANE, OPERATOR_PIN, PinSource.fixed("135790", "x")),
                "keyRemoved", "pulled out");
        puller.join();
        assertThat(keyward.registrations).isEmpty();
    }

    @Test
    void forcedPinChangeAndMinimumLengthAreSetOnACtap21Key() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        EnrollmentProfile strict = new EnrollmentProfile("strict", false, PinMode.RANDOM, 8, 8, true, false);

        EnrollmentResult result = enrollment.enroll(theKey(), JANE, strict, PinSource.fixed("x", "x"));

        assertThat(result.pinChangeForced()).isTrue();
        assertThat(result.notices()).isEmpty();
        assertThat(key.forcePinChange()).isTrue();
        assertThat(key.minPinLength()).isEqualTo(8);
        assertThat(result.randomPin()).hasValueSatisfying(pin -> assertThat(pin).hasSize(8));
        assertThat(keyward.registrations.get(0).path("@keyward.provisioning").toString())
                .isEqualTo("{\"pinSet\":true,\"pinChangeForced\":true,\"minimumPinLength\":8,\"alwaysUv\":false}");
    }

    @Test
    void aLongerMinimumThanTheKeysPinIsStatedAsAForcedChange() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        key.presetPin("246810");
        EnrollmentProfile longer = new EnrollmentProfile("longer", false, PinMode.OPERATOR, 8, 8, false, true);

        EnrollmentResult result = enrollment.enroll(theKey(), JANE, longer, PinSource.fixed("x", "246810"));

        assertThat(key.forcePinChange()).as("the key forces a change of a PIN shorter than its new minimum").isTrue();
        assertThat(result.pinChangeForced()).isTrue();
        assertThat(keyward.registrations.get(0).path("@keyward.provisioning").toString())
                .isEqualTo("{\"pinSet\":false,\"pinChangeForced\":true,\"minimumPinLength\":8,\"alwaysUv\":true}");
    }

    @Test
    void keyPulledBeforeItsSettingsAreAppliedTakesTheRegistrationBack() throws Exception {
        plugIn(KeyModel.KEYWARD_SIM_A);
        EnrollmentProfile strict = new EnrollmentProfile("strict", false, PinMode.RANDOM, 8, 8, true, false);
        keyward.duringRegistration = () -> {
            try {
                bus.pull(bus.plugged().get(0));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        EnrollmentFailure failure = failure(() -> enrollment.enroll(theKey(), JANE, strict, PinSource.fixed("x", "x")));

        assertThat(failure.reasonCode()).isEqualTo("keyRemoved");
        assertThat(failure.getMessage()).contains("could not be applied", "The registration in Keyward was taken back",
                "the key still holds");
        assertThat(keyward.deletedMethodIds).containsExactly("m-1");
        assertThat(failure.leftOnKey()).hasValueSatisfying(left -> assertThat(left).contains("jane@contoso.test"));
    }

    @Test
    void ctap20KeySkipsTheForcedPinChangeWithANotice() throws Exception {
        plugIn(KeyModel.KEYWARD_SIM_LEGACY);
        EnrollmentProfile strict = new EnrollmentProfile("strict", false, PinMode.RANDOM, 8, 8, true, false);

        EnrollmentResult result = enrollment.enroll(theKey(), JANE, strict, PinSource.fixed("x", "x"));

        assertThat(result.pinChangeForced()).isFalse();
        assertThat(result.notices()).singleElement().asString().contains("cannot force a PIN change");
        assertThat(keyward.registrations).hasSize(1);
        assertThat(keyward.registrations.get(0).path("@keyward.provisioning").path("pinChangeForced").asBoolean(true)).isFalse();
    }

    @Test
    void resetFirstErasesTheKeyBeforeEnrolling() throws Exception {
        SimulatedAuthenticator key = plugIn(KeyModel.KEYWARD_SIM_A);
        key.presetPin("246810");
        EnrollmentProfile reset = new EnrollmentProfile("reset", true, PinMode.OPERATOR, 6, 4, false, false);

        EnrollmentResult result = enrollment.enroll(theKey(), JANE, reset, PinSource.fixed("135790", "wrong-if-asked"));

        assertThat(result.pinSet()).as("the reset removed the old PIN, so the station set the new one").isTrue();
        assertThat(key.discoverableCredentialUserNames()).containsExactly("jane@contoso.test");
    }

    private static void assertUntouched(SimulatedAuthenticator key) {
        assertThat(key.pinSet()).as("PIN untouched").isFalse();
        assertThat(key.discoverableCredentialRpIds()).as("no credential on the key").isEmpty();
    }

    interface Call {
        void run() throws Exception;
    }

    private static EnrollmentFailure failure(Call call) {
        try {
            call.run();
        } catch (EnrollmentFailure failure) {
            return failure;
        } catch (Exception e) {
            throw new AssertionError("expected an EnrollmentFailure, got " + e, e);
        }
        throw new AssertionError("expected an EnrollmentFailure, the enrollment succeeded");
    }

    private static void assertFailure(Call call, String reasonCode, String messagePart) {
        EnrollmentFailure failure = failure(call);
        assertThat(failure.reasonCode()).as(failure.getMessage()).isEqualTo(reasonCode);
        assertThat(failure.getMessage()).contains(messagePart);
    }
}
