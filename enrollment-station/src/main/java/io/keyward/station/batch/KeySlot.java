package io.keyward.station.batch;

import io.keyward.station.key.UsbKey;
import io.keyward.station.key.UsbKeys;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The kiosk's key slot: waits until a key is inserted, and until it is taken out again. */
public interface KeySlot {

    /** The inserted key, or empty when none came within the wait. */
    Optional<UsbKey> awaitKey(Duration wait) throws InterruptedException;

    /** Returns once no key is attached, or after the wait. */
    void awaitRemoval(Duration wait) throws InterruptedException;

    /** Polls hid4java a few times a second. */
    static KeySlot usb(UsbKeys keys) {
        return new KeySlot() {
            @Override
            public Optional<UsbKey> awaitKey(Duration wait) throws InterruptedException {
                long deadline = System.nanoTime() + wait.toNanos();
                while (System.nanoTime() < deadline) {
                    List<UsbKey> attached = keys.attached();
                    if (attached.size() == 1) {
                        return Optional.of(attached.get(0));
                    }
                    Thread.sleep(250);
                }
                return Optional.empty();
            }

            @Override
            public void awaitRemoval(Duration wait) throws InterruptedException {
                long deadline = System.nanoTime() + wait.toNanos();
                while (System.nanoTime() < deadline && !keys.attached().isEmpty()) {
                    Thread.sleep(250);
                }
            }
        };
    }
}
