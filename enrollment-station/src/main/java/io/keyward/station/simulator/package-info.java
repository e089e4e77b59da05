/**
 * Simulated security keys: software CTAP2 authenticators ({@link io.keyward.station.simulator.SimulatedAuthenticator})
 * behind the device side of CTAPHID ({@link io.keyward.station.simulator.CtapHidDevice}), with packed attestation
 * from a configurable CA and AAGUID per {@link io.keyward.station.simulator.KeyModel}. The USB bridge
 * ({@code io.keyward.station.usb}) makes them USB FIDO devices for any client on the machine; they serve training
 * mode, demos, the station's tests and the hardware rig in CI.
 */
package io.keyward.station.simulator;
