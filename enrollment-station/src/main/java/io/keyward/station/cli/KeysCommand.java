package io.keyward.station.cli;

import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV1;
import io.keyward.station.enrollment.KeyFacts;
import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** Lists the attached keys with what the operator checks before enrolling: model, AAGUID, firmware, PIN, slots. */
@Command(name = "keys", description = "List the attached security keys (works without Keyward).")
final class KeysCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<UsbKey> keys = new UsbKeys().attached();
        if (keys.isEmpty()) {
            System.out.println("No security key is attached.");
            return 0;
        }
        for (UsbKey key : keys) {
            System.out.println(describe(key));
        }
        return 0;
    }

    static String describe(UsbKey key) {
        try (HidFidoConnection connection = key.open(); Ctap2Session session = new Ctap2Session(connection)) {
            KeyFacts facts = KeyFacts.of(session.getInfo());
            String pin = facts.pinSet() ? "PIN set (" + new ClientPin(session, new PinUvAuthProtocolV1()).getPinRetries().getCount()
                    + " tries left)" : "no PIN";
            return key.path() + "  " + key.product() + key.serialNumber().map(s -> "  serial " + s).orElse("")
                    + "\n    AAGUID " + facts.aaguid() + ", firmware " + facts.firmware() + ", " + String.join("/", facts.versions())
                    + ", " + pin + facts.remainingResidentCredentials().map(left -> ", " + left + " passkey slots free").orElse("");
        } catch (Exception e) {
            return key.path() + "  " + key.product() + "\n    cannot be read: " + e.getMessage();
        }
    }
}
