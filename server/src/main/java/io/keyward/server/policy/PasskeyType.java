package io.keyward.server.policy;

/** Graph {@code passkeyType}: synced when the credential is backup eligible (BE flag), otherwise device-bound. */
public enum PasskeyType {
    deviceBound, synced;

    public static PasskeyType fromBackupEligible(boolean backupEligible) {
        return backupEligible ? synced : deviceBound;
    }
}
