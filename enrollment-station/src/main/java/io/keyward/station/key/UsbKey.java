package io.keyward.station.key;

import org.hid4java.HidDevice;

import java.util.Objects;
import java.util.Optional;

/**
 * A FIDO security key attached over USB HID (usage page 0xF1D0, CTAP 2.1 §11.2.8.1), as hid4java enumerates it.
 * What identifies a model is its AAGUID from getInfo, not these USB strings.
 */
public final class UsbKey {

    private final HidDevice device;

    UsbKey(HidDevice device) {
        this.device = Objects.requireNonNull(device);
    }

    /** The platform's device path, e.g. {@code /dev/hidraw3} on Linux. */
    public String path() {
        return device.getPath();
    }

    public int vendorId() {
        return device.getVendorId() & 0xffff;
    }

    public int productId() {
        return device.getProductId() & 0xffff;
    }

    public Optional<String> serialNumber() {
        return Optional.ofNullable(device.getSerialNumber()).filter(serial -> !serial.isBlank());
    }

    public String product() {
        return Optional.ofNullable(device.getProduct()).filter(name -> !name.isBlank()).orElse("FIDO security key");
    }

    public Optional<String> manufacturer() {
        return Optional.ofNullable(device.getManufacturer()).filter(name -> !name.isBlank());
    }

    /** Opens the key for CTAPHID; one connection at a time per key. */
    public HidFidoConnection open() throws KeyUnavailableException {
        return HidFidoConnection.open(device);
    }

    @Override
    public String toString() {
        return product() + " (" + path() + serialNumber().map(serial -> ", serial " + serial).orElse("") + ")";
    }
}
