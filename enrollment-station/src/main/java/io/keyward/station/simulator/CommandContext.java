package io.keyward.station.simulator;

/**
 * What a running CTAP2 command can tell its transport and learn from it: CTAPHID sends KEEPALIVE with the status
 * (CTAP 2.1 §11.2.9.1.6: 1 processing, 2 user presence needed) and delivers CTAPHID_CANCEL.
 */
public interface CommandContext {

    /** No transport: nothing is reported and nothing is cancelled (direct calls in tests). */
    CommandContext NONE = new CommandContext() {
        @Override
        public void status(Keepalive status) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    void status(Keepalive status);

    boolean cancelled();

    enum Keepalive {
        PROCESSING(1), UP_NEEDED(2);

        private final int code;

        Keepalive(int code) {
            this.code = code;
        }

        public byte code() {
            return (byte) code;
        }
    }
}
