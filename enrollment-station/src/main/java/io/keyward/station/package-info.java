/**
 * The enrollment station: the kiosk application that provisions USB security keys on behalf of users.
 * <p>
 * For now this holds the CTAPHID transport framing (CTAP 2.1 §11.2.4) that every USB HID exchange with a key
 * goes through; the HID device access (hid4java), CTAP2 commands and the kiosk UI build on it.
 */
package io.keyward.station;
