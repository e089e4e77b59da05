package io.keyward.station.maintenance;

import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import io.keyward.station.simulator.SimulatedAuthenticator;
import io.keyward.station.usb.SimulatedUsbKey;
import io.keyward.station.usb.SimulatedUsbKeys;
import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV2;
import io.keyward.station.key.HidFidoConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key maintenance on simulated keys through hid4java. */
class KeyMaintenanceTest {

    private static final String PIN = "246810";
    private static SimulatedUsbKeys bus;
    private final KeyMaintenance maintenance = new KeyMaintenance();

    @BeforeAll
    static void startBus() throws IOException {
        bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward Maintenance Test Root"));
        bus.exposeToThisProcess();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @AfterEach
    void pull() throws IOException {
        for (SimulatedUsbKey key : bus.plugged()) {
            bus.pull(key);
        }
    }

    /** A key with a PIN and one passkey for jane@contoso.test, made over USB as a client would. */
    private SimulatedAuthenticator keyWithOnePasskey(SimulatedAuthenticator authenticator) throws Exception {
        authenticator.presetPin(PIN);
        bus.plugIn(authenticator);
        try (HidFidoConnection connection = usbKey().open(); Ctap2Session session = new Ctap2Session(connection)) {
            PinUvAuthProtocolV2 protocol = new PinUvAuthProtocolV2();
            byte[] token = new ClientPin(session, protocol).getPinToken(PIN.toCharArray(), ClientPin.PIN_PERMISSION_MC, "keyward.test");
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(new byte[]{1});
            session.makeCredential(hash, Map.of("id", "keyward.test"), Map.of("id", new byte[]{7}, "name", "jane@contoso.test",
                            "displayName", "Jane"), List.of(Map.of("type", "public-key", "alg", -7)), null, null,
                    Map.of("rk", true), protocol.authenticate(token, hash), 2, null, null);
        }
        return authenticator;
    }

    private static UsbKey usbKey() {
        return new UsbKeys().attached().get(0);
    }

    @Test
    void listsRewritesAndDeletesThePasskeysOnAKey() throws Exception {
        SimulatedAuthenticator key = keyWithOnePasskey(new SimulatedAuthenticator(KeyModel.KEYWARD_SIM_A, bus.authority(), "M0001"));

        List<StoredPasskey> passkeys = maintenance.list(usbKey(), PIN.toCharArray());
        assertThat(passkeys).singleElement().satisfies(passkey -> {
            assertThat(passkey.rpId()).isEqualTo("keyward.test");
            assertThat(passkey.userName()).isEqualTo("jane@contoso.test");
        });

        maintenance.rewriteUser(usbKey(), PIN.toCharArray(), passkeys.get(0).credentialId(), "jane.doe@contoso.test", "Jane Doe");
        assertThat(key.discoverableCredentialUserNames()).containsExactly("jane.doe@contoso.test");

        maintenance.delete(usbKey(), PIN.toCharArray(), passkeys.get(0).credentialId());
        assertThat(key.discoverableCredentialRpIds()).isEmpty();
    }

    @Test
    void wrongPinIsRefusedWithTheTriesLeft() throws Exception {
        keyWithOnePasskey(new SimulatedAuthenticator(KeyModel.KEYWARD_SIM_A, bus.authority(), "M0002"));

        assertThatThrownBy(() -> maintenance.list(usbKey(), "000000".toCharArray()))
                .isInstanceOfSatisfying(EnrollmentFailure.class, failure -> {
                    assertThat(failure.reasonCode()).isEqualTo("pinInvalid");
                    assertThat(failure.getMessage()).contains("7 tries left");
                });
    }

    @Test
    void resetErasesTheKeyJustAfterItIsPluggedIn() throws Exception {
        SimulatedAuthenticator key = keyWithOnePasskey(new SimulatedAuthenticator(KeyModel.KEYWARD_SIM_A, bus.authority(), "M0003"));

        maintenance.reset(usbKey());

        assertThat(key.pinSet()).isFalse();
        assertThat(key.discoverableCredentialRpIds()).isEmpty();
    }

    @Test
    void resetLaterThanTenSecondsAfterPlugInSaysToReplugTheKey() throws Exception {
        SimulatedAuthenticator key = new SimulatedAuthenticator(KeyModel.KEYWARD_SIM_A, bus.authority(), "M0004", new ShiftingClock());
        bus.plugIn(key);
        ShiftingClock.shift = Duration.ofSeconds(11);
        try {
            assertThatThrownBy(() -> maintenance.reset(usbKey())).isInstanceOfSatisfying(EnrollmentFailure.class, failure -> {
                assertThat(failure.reasonCode()).isEqualTo("resetNotAllowed");
                assertThat(failure.getMessage()).contains("insert it again");
            });
        } finally {
            ShiftingClock.shift = Duration.ZERO;
        }
    }

    @Test
    void ctap20KeyCannotListItsPasskeys() throws Exception {
        SimulatedAuthenticator key = new SimulatedAuthenticator(KeyModel.KEYWARD_SIM_LEGACY, bus.authority(), "M0005");
        key.presetPin(PIN);
        bus.plugIn(key);

        assertThatThrownBy(() -> maintenance.list(usbKey(), PIN.toCharArray()))
                .isInstanceOf(EnrollmentFailure.class).hasMessageContaining("only a reset removes them");
    }

    /** The system clock moved by a test-controlled amount. */
    static final class ShiftingClock extends Clock {
        static volatile Duration shift = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
