package io.keyward.station.simulator;

/** An initialization packet whose BCNT exceeds what 128 continuation packets can carry (7609 bytes). */
public final class MessageTooLargeException extends CtapHidFramingException {

    private final int announcedLength;

    public MessageTooLargeException(int announcedLength) {
        super("initialization packet announces " + announcedLength + " bytes, the maximum is "
                + CtapHidFraming.MAX_PAYLOAD_SIZE + " (CTAP 2.1 §11.2.4)");
        this.announcedLength = announcedLength;
    }

    public int announcedLength() {
        return announcedLength;
    }
}
