package io.keyward.e2e;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * An HTTP port for a Keyward instance whose companion ports are free too: {@code ./keyward} puts HTTPS at
 * port + 363 and management at port + 1910 (HTTP) and port + 1913 (HTTPS).
 */
final class FreePort {

    private static final int[] COMPANION_OFFSETS = {0, 363, 1910, 1913};

    private FreePort() {
    }

    static int forKeyward() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ephemeralPort();
            if (candidate + 1913 <= 65535 && companionsFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port p with p+363, p+1910 and p+1913 also free after 50 attempts");
    }

    private static int ephemeralPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open any local port: " + e.getMessage(), e);
        }
    }

    private static boolean companionsFree(int port) {
        for (int offset : COMPANION_OFFSETS) {
            try (ServerSocket ignored = new ServerSocket(port + offset)) {
                // free
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
