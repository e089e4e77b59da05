/**
 * The enrollment station: the kiosk application that provisions USB security keys on behalf of users.
 * Simulated keys live in {@code io.keyward.station.simulator}.
 */
package io.keyward.station;
