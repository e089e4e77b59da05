package io.keyward.station.usb;

import io.keyward.station.simulator.CtapHidDevice;
import io.keyward.station.simulator.SimulatedAuthenticator;

/**
 * A simulated key plugged into the fake USB bus.
 *
 * @param index         the hidraw number while plugged in
 * @param devnode       its device node, e.g. {@code /dev/hidraw0} (inside the testbed)
 * @param authenticator the key itself; it outlives a pull and can be plugged in again
 * @param device        its CTAPHID interface on this plug-in
 */
public record SimulatedUsbKey(int index, String devnode, SimulatedAuthenticator authenticator, CtapHidDevice device) {
}
