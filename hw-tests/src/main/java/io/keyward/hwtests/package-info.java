/**
 * The hardware-in-the-loop test rig: which authenticators a run uses (physical keys by HID device path, or
 * simulated keys), and the scenarios run against each of them.
 */
package io.keyward.hwtests;
