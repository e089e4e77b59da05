package io.keyward.station.simulator;

/** A packet for another channel than the one being read (CTAP 2.1 §11.2.4: messages are per CID). */
public final class WrongChannelException extends CtapHidFramingException {

    private final int expectedChannel;
    private final int actualChannel;

    public WrongChannelException(int expectedChannel, int actualChannel) {
        super(String.format("packet on channel %08x, expected channel %08x", actualChannel, expectedChannel));
        this.expectedChannel = expectedChannel;
        this.actualChannel = actualChannel;
    }

    public int expectedChannel() {
        return expectedChannel;
    }

    public int actualChannel() {
        return actualChannel;
    }
}
