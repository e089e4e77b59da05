package io.keyward.station.simulator;

import java.io.IOException;

/**
 * A HID report broke a CTAPHID framing rule (CTAP 2.1 §11.2.4). It is an {@link IOException} because it is
 * what the transport reports when a device or the USB link misbehaves; each subclass names the rule broken.
 */
public abstract sealed class CtapHidFramingException extends IOException
        permits MalformedReportException, WrongChannelException, OutOfOrderSequenceException,
        MessageTooLargeException, UnexpectedPacketException {

    protected CtapHidFramingException(String message) {
        super(message);
    }
}
