package io.keyward.station.simulator;

/** A continuation packet with no message in progress, or an initialization packet in the middle of one. */
public final class UnexpectedPacketException extends CtapHidFramingException {

    public UnexpectedPacketException(String message) {
        super(message);
    }
}
