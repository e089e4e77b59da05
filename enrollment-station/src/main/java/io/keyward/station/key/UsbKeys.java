package io.keyward.station.key;

import org.hid4java.HidManager;
import org.hid4java.HidServices;
import org.hid4java.HidServicesSpecification;
import org.hid4java.ScanMode;

import java.util.List;

/**
 * The FIDO keys attached to this machine, through hid4java (its bundled hidapi uses the hidraw backend on Linux).
 * No background scanning or reading: the station asks when it needs to know, and reads only in answer to a request.
 */
public final class UsbKeys {

    /** CTAP 2.1 §11.2.8.1: FIDO usage page and CTAPHID usage. */
    static final int FIDO_USAGE_PAGE = 0xf1d0;
    static final int CTAPHID_USAGE = 0x01;

    private final HidServices services;

    public UsbKeys() {
        HidServicesSpecification specification = new HidServicesSpecification();
        specification.setAutoStart(false);
        specification.setAutoShutdown(false);
        specification.setScanMode(ScanMode.NO_SCAN);
        specification.setAutoDataRead(false);
        this.services = HidManager.getHidServices(specification);
    }

    /** Keys attached now, by path order. */
    public List<UsbKey> attached() {
        return services.getAttachedHidDevices().stream()
                // hid4java sign-extends the 16-bit usage page (0xf1d0 arrives as 0xfffff1d0).
                .filter(device -> (device.getUsagePage() & 0xffff) == FIDO_USAGE_PAGE
                        && (device.getUsage() & 0xffff) == CTAPHID_USAGE)
                .map(UsbKey::new)
                .sorted(java.util.Comparator.comparing(UsbKey::path))
                .toList();
    }
}
