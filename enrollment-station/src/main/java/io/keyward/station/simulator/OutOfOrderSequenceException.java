package io.keyward.station.simulator;

/** A continuation packet whose SEQ is not the next one (CTAP 2.1 §11.2.4: SEQ counts up from 0). */
public final class OutOfOrderSequenceException extends CtapHidFramingException {

    private final int expectedSequence;
    private final int actualSequence;

    public OutOfOrderSequenceException(int expectedSequence, int actualSequence) {
        super("continuation packet SEQ " + actualSequence + ", expected SEQ " + expectedSequence);
        this.expectedSequence = expectedSequence;
        this.actualSequence = actualSequence;
    }

    public int expectedSequence() {
        return expectedSequence;
    }

    public int actualSequence() {
        return actualSequence;
    }
}
