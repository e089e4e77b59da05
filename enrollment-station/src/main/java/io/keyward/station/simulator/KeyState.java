package io.keyward.station.simulator;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a simulated key remembers, and the checks several commands share: the touch, the PIN and the
 * pinUvAuthToken with its permissions (CTAP 2.1 §6.5.2 "Authenticator configuration operations upon power up",
 * §6.5.5.7 "Getting pinUvAuthToken").
 */
final class KeyState {

    static final int MAX_PIN_RETRIES = 8;
    /** After three wrong PINs in a row the key needs a power cycle (CTAP 2.1 §6.5.5.5 step 5). */
    static final int MISMATCHES_BEFORE_POWER_CYCLE = 3;
    static final int DEFAULT_MIN_PIN_LENGTH = 4;

    static final int PERMISSION_MC = 0x01, PERMISSION_GA = 0x02, PERMISSION_CM = 0x04, PERMISSION_LBW = 0x10,
            PERMISSION_ACFG = 0x20;

    final KeyModel model;
    final AttestationAuthority.BatchAttestation batch;
    final Clock clock;
    final SecureRandom random = new SecureRandom();
    final List<StoredCredential> credentials = new ArrayList<>();

    volatile UserPresence userPresence = UserPresence.immediately();
    volatile Duration touchTimeout = Duration.ofSeconds(30);

    Optional<byte[]> pinHash = Optional.empty();
    int pinCodePoints;
    int pinRetries = MAX_PIN_RETRIES;
    int consecutiveMismatches;
    boolean forcePinChange;
    int minPinLength = DEFAULT_MIN_PIN_LENGTH;
    boolean alwaysUv;

    KeyPair keyAgreement;
    byte[] pinUvAuthToken;
    int tokenPermissions;
    Optional<String> tokenRpId = Optional.empty();
    Instant poweredUp;

    KeyState(KeyModel model, AttestationAuthority.BatchAttestation batch, Clock clock) {
        this.model = model;
        this.batch = batch;
        this.clock = clock;
        powerUp();
    }

    /** Power-up initialisation (§6.5.2): a new key agreement key and token; PIN mismatches in a row forgotten. */
    void powerUp() {
        poweredUp = clock.instant();
        consecutiveMismatches = 0;
        regenerateKeyAgreement();
        resetToken();
    }

    void regenerateKeyAgreement() {
        keyAgreement = AttestationAuthority.newP256KeyPair();
    }

    /** resetPinUvAuthToken (§6.5.5.1): a fresh random token without permissions. */
    void resetToken() {
        pinUvAuthToken = new byte[32];
        random.nextBytes(pinUvAuthToken);
        tokenPermissions = 0;
        tokenRpId = Optional.empty();
    }

    boolean pinSet() {
        return pinHash.isPresent();
    }

    /** Waits for the simulated touch, reporting UP_NEEDED; false on timeout. Cancel ends it with KEEPALIVE_CANCEL. */
    void awaitTouch(CommandContext context) throws CtapError {
        context.status(CommandContext.Keepalive.UP_NEEDED);
        Instant deadline = clock.instant().plus(touchTimeout);
        Optional<Instant> touchAt = userPresence.touchDelay().map(delay -> clock.instant().plus(delay));
        while (true) {
            Instant now = clock.instant();
            if (context.cancelled()) {
                throw new CtapError(CtapStatus.KEEPALIVE_CANCEL, "the platform cancelled while the key waited for a touch");
            }
            if (touchAt.isPresent() && !now.isBefore(touchAt.get())) {
                context.status(CommandContext.Keepalive.PROCESSING);
                return;
            }
            if (!now.isBefore(deadline)) {
                throw new CtapError(CtapStatus.USER_ACTION_TIMEOUT, "nobody touched the key within " + touchTimeout);
            }
            try {
                Thread.sleep(Math.min(20, Math.max(1, Duration.between(now, touchAt.orElse(deadline)).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CtapError(CtapStatus.KEEPALIVE_CANCEL, "interrupted");
            }
        }
    }

    /**
     * Checks a pinUvAuthParam made with the current pinUvAuthToken, its permission and RP binding (§6.1.2 step 11,
     * §6.2.2 step 9). A token without an RP binding becomes bound to this RP.
     */
    void verifyToken(PinProtocol protocol, byte[] message, byte[] pinUvAuthParam, int permission,
                     Optional<String> rpId) throws CtapError {
        if (!protocol.verify(pinUvAuthToken, message, pinUvAuthParam)) {
            throw new CtapError(CtapStatus.PIN_AUTH_INVALID, "pinUvAuthParam does not verify with the current token");
        }
        if ((tokenPermissions & permission) == 0) {
            throw new CtapError(CtapStatus.PIN_AUTH_INVALID, "the token lacks permission " + permission);
        }
        if (rpId.isPresent() && tokenRpId.isPresent() && !tokenRpId.get().equals(rpId.get())) {
            throw new CtapError(CtapStatus.PIN_AUTH_INVALID, "the token is bound to another RP");
        }
        if (rpId.isPresent() && tokenRpId.isEmpty()) {
            tokenRpId = rpId;
        }
    }

    /** A zero-length pinUvAuthParam asks the key to blink and say whether a PIN is set (§6.1.2 step 1). */
    void answerPinProbe(CommandContext context) throws CtapError {
        awaitTouch(context);
        throw pinSet() ? new CtapError(CtapStatus.PIN_INVALID, "PIN probe: a PIN is set")
                : new CtapError(CtapStatus.PIN_NOT_SET, "PIN probe: no PIN is set");
    }

    List<StoredCredential> discoverable() {
        return credentials.stream().filter(credential -> credential.discoverable).toList();
    }

    int remainingSlots() {
        return model.residentKeySlots() - discoverable().size();
    }

    /** Forgets everything (authenticatorReset, §6.6). */
    void wipe() {
        credentials.clear();
        pinHash = Optional.empty();
        pinCodePoints = 0;
        pinRetries = MAX_PIN_RETRIES;
        consecutiveMismatches = 0;
        forcePinChange = false;
        minPinLength = DEFAULT_MIN_PIN_LENGTH;
        alwaysUv = false;
        regenerateKeyAgreement();
        resetToken();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
