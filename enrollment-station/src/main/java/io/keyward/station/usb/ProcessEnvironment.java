package io.keyward.station.usb;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** setenv(3) of this process, so the umockdev preload already loaded into the JVM sees UMOCKDEV_DIR. */
final class ProcessEnvironment {

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private ProcessEnvironment() {
    }

    static void set(String name, String value) {
        if (LIBC.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv " + name + " failed");
        }
    }

    static void unset(String name) {
        LIBC.unsetenv(name);
    }
}
