package io.keyward.station.usb;

import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV2;
import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.key.KeyUnavailableException;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import io.keyward.station.simulator.AttestationAuthority;
import io.keyward.station.simulator.KeyModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Simulated keys seen through the real USB HID stack: hidapi's hidraw backend under hid4java in this JVM (started
 * with the umockdev preload by surefire), and Debian's python3-fido2 in a child process.
 */
class SimulatedUsbKeysTest {

    private static SimulatedUsbKeys bus;
    private static final UsbKeys usb = new UsbKeys();

    @BeforeAll
    static void startBus() throws IOException {
        assertThat(SimulatedUsbKeys.preloadedIntoThisProcess())
                .as("surefire starts this JVM with LD_PRELOAD=%s (see enrollment-station/pom.xml)", SimulatedUsbKeys.PRELOAD)
                .isTrue();
        bus = SimulatedUsbKeys.start(AttestationAuthority.generate("Keyward USB Test Root"));
        bus.exposeToThisProcess();
    }

    @AfterAll
    static void stopBus() {
        bus.close();
    }

    @AfterEach
    void pullAll() throws IOException {
        for (SimulatedUsbKey key : bus.plugged()) {
            bus.pull(key);
        }
    }

    @Test
    void hid4javaFindsKeysOfTwoModelsOnTheFidoUsagePage() throws IOException {
        bus.plugIn(KeyModel.KEYWARD_SIM_A);
        bus.plugIn(KeyModel.KEYWARD_SIM_B);

        List<UsbKey> keys = usb.attached();

        assertThat(keys).extracting(UsbKey::product)
                .containsExactly("Keyward Simulated Key A", "Keyward Simulated Key B");
        assertThat(keys).extracting(UsbKey::vendorId).containsOnly(0x1209);
        assertThat(keys.get(0).serialNumber()).hasValueSatisfying(serial -> assertThat(serial).startsWith("SIMA"));
    }

    @Test
    void yubikitOverHid4javaSetsAPinAndMakesACredential() throws Exception {
        bus.plugIn(KeyModel.KEYWARD_SIM_B);

        try (HidFidoConnection connection = usb.attached().get(0).open();
             Ctap2Session session = new Ctap2Session(connection)) {
            assertThat(ByteBuffer.wrap(session.getInfo().getAaguid()).getLong(8))
                    .isEqualTo(KeyModel.KEYWARD_SIM_B.aaguid().getLeastSignificantBits());
            PinUvAuthProtocolV2 protocol = new PinUvAuthProtocolV2();
            ClientPin pin = new ClientPin(session, protocol);
            pin.setPin("482913".toCharArray());
            byte[] token = pin.getPinToken("482913".toCharArray(), ClientPin.PIN_PERMISSION_MC, "usb.keyward.test");
            byte[] clientDataHash = MessageDigest.getInstance("SHA-256").digest("usb".getBytes(StandardCharsets.UTF_8));

            Ctap2Session.CredentialData credential = session.makeCredential(clientDataHash,
                    Map.of("id", "usb.keyward.test"), Map.of("id", new byte[]{1}, "name", "u@keyward.test"),
                    List.of(Map.of("type", "public-key", "alg", -7)), null, null, Map.of("rk", true),
                    protocol.authenticate(token, clientDataHash), protocol.getVersion(), null, null);

            assertThat(credential.getFormat()).isEqualTo("packed");
        }
        assertThat(bus.plugged().get(0).authenticator().discoverableCredentialRpIds()).containsExactly("usb.keyward.test");
    }

    @Test
    void pullingTheKeyFailsTheOpenConnectionAndRemovesIt() throws Exception {
        SimulatedUsbKey plugged = bus.plugIn(KeyModel.KEYWARD_SIM_A);
        try (HidFidoConnection connection = usb.attached().get(0).open();
             Ctap2Session session = new Ctap2Session(connection)) {
            bus.pull(plugged);

            assertThatThrownBy(session::getInfo).isInstanceOf(KeyUnavailableException.class);
        }
        assertThat(usb.attached()).isEmpty();
    }

    @Test
    void pythonFido2GetsInfoAndMakesAPackedCredentialItVerifies() throws Exception {
        bus.plugIn(KeyModel.KEYWARD_SIM_B);
        ProcessBuilder python = new ProcessBuilder(UmockdevBridge.PYTHON,
                Path.of("src/test/resources/python_fido2_proof.py").toAbsolutePath().toString(), "135790")
                .redirectErrorStream(true);
        python.environment().putAll(bus.childEnvironment());

        Process process = python.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        String aaguid = HexFormat.of().formatHex(AttestationAuthority.class.isInstance(null) ? new byte[0]
                : uuidBytes(KeyModel.KEYWARD_SIM_B));
        assertThat(output)
                .contains("\"versions\": [\"FIDO_2_0\", \"FIDO_2_1\"]")
                .contains("\"aaguid\": \"" + aaguid + "\"")
                .contains("\"fmt\": \"packed\"")
                .contains("\"attestationType\": \"BASIC\"")
                .contains("\"credentialAaguid\": \"" + aaguid + "\"")
                .contains("\"userVerified\": true");
        assertThat(bus.plugged().get(0).authenticator().pinSet()).isTrue();
    }

    private static byte[] uuidBytes(KeyModel model) {
        return ByteBuffer.allocate(16).putLong(model.aaguid().getMostSignificantBits())
                .putLong(model.aaguid().getLeastSignificantBits()).array();
    }
}
