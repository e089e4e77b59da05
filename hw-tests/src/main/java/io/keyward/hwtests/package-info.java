/**
 * The hardware-in-the-loop rig: scenarios written once and run against every key under test, physical keys named
 * by a {@link io.keyward.hwtests.RigFile} and simulated keys of several models on the fake USB bus of
 * {@code io.keyward.station.usb}.
 */
package io.keyward.hwtests;
