package io.keyward.hwtests;

/** The rig file cannot be understood; the message names the offending entry. */
public final class InvalidRigConfigurationException extends IllegalArgumentException {

    public InvalidRigConfigurationException(String message) {
        super(message);
    }
}
