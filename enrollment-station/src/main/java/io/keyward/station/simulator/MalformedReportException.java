package io.keyward.station.simulator;

/** A report that is not a 64-byte CTAPHID packet. */
public final class MalformedReportException extends CtapHidFramingException {

    public MalformedReportException(String message) {
        super(message);
    }
}
