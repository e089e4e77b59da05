package io.keyward.station.simulator;

import com.yubico.yubikit.fido.Cbor;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A software CTAP2 authenticator: takes the bytes of a CTAPHID_CBOR request (command byte and CBOR parameters)
 * and answers a status byte followed by the CBOR response (CTAP 2.1 §6, §8). Behind {@link CtapHidDevice} it is a
 * USB security key; responses are encoded with yubikit's canonical CBOR encoder (CTAP 2.1 §8 "CTAP2 canonical CBOR
 * encoding form").
 * <p>
 * Thread-safe: one command at a time, as on a key.
 */
public final class SimulatedAuthenticator {

    private static final byte MAKE_CREDENTIAL = 0x01, GET_ASSERTION = 0x02, GET_INFO = 0x04, CLIENT_PIN = 0x06,
            RESET = 0x07, GET_NEXT_ASSERTION = 0x08, CREDENTIAL_MANAGEMENT = 0x0A, SELECTION = 0x0B, CONFIG = 0x0D;
    /** CTAP 2.1 §6.6: reset only within 10 seconds of power-up. */
    static final Duration RESET_WINDOW = Duration.ofSeconds(10);
    static final int MAX_MESSAGE_SIZE = 1200;

    private final KeyState state;
    private final String serial;
    private final ClientPinCommand clientPin;
    private final MakeCredentialCommand makeCredential;
    private final GetAssertionCommand getAssertion;
    private final CredentialManagementCommand credentialManagement;
    private final ConfigCommand config;
    private final java.util.concurrent.atomic.AtomicLong busyNanos = new java.util.concurrent.atomic.AtomicLong();

    public SimulatedAuthenticator(KeyModel model, AttestationAuthority authority, String serial) {
        this(model, authority, serial, Clock.systemUTC());
    }

    public SimulatedAuthenticator(KeyModel model, AttestationAuthority authority, String serial, Clock clock) {
        this.state = new KeyState(model, authority.batchFor(model), clock);
        this.serial = serial;
        this.clientPin = new ClientPinCommand(state);
        this.makeCredential = new MakeCredentialCommand(state);
        this.getAssertion = new GetAssertionCommand(state);
        this.credentialManagement = new CredentialManagementCommand(state);
        this.config = new ConfigCommand(state);
    }

    public KeyModel model() {
        return state.model;
    }

    public String serial() {
        return serial;
    }

    public void userPresence(UserPresence presence) {
        state.userPresence = presence;
    }

    /** How long the key waits for a touch before USER_ACTION_TIMEOUT (real keys: about 30 seconds). */
    public void touchTimeout(Duration timeout) {
        state.touchTimeout = timeout;
    }

    /** Unplug and plug in again: new key agreement key and token, PIN mismatch streak forgotten, reset window opens. */
    public synchronized void powerCycle() {
        state.powerUp();
    }

    /**
     * Sets a PIN as if the key had come with one, for {@code --pin} and tests. The PIN is kept only as
     * LEFT(SHA-256(PIN), 16).
     */
    public synchronized void presetPin(String pin) {
        byte[] bytes = pin.getBytes(StandardCharsets.UTF_8);
        if (pin.codePointCount(0, pin.length()) < state.minPinLength || bytes.length > 63) {
            throw new IllegalArgumentException("a PIN has " + state.minPinLength + " to 63 characters");
        }
        state.pinHash = Optional.of(Arrays.copyOf(KeyState.sha256(bytes), 16));
        state.pinCodePoints = pin.codePointCount(0, pin.length());
        state.pinRetries = KeyState.MAX_PIN_RETRIES;
    }

    public synchronized int pinRetries() {
        return state.pinRetries;
    }

    public synchronized boolean pinSet() {
        return state.pinSet();
    }

    public synchronized boolean forcePinChange() {
        return state.forcePinChange;
    }

    public synchronized int minPinLength() {
        return state.minPinLength;
    }

    public synchronized boolean alwaysUv() {
        return state.alwaysUv;
    }

    /** The RP ids of the discoverable credentials on the key, one entry per credential. */
    public synchronized List<String> discoverableCredentialRpIds() {
        return state.discoverable().stream().map(credential -> credential.rpId).toList();
    }

    /** The user name (user.name) stored with each discoverable credential. */
    public synchronized List<String> discoverableCredentialUserNames() {
        return state.discoverable().stream().map(credential -> String.valueOf(credential.user.get("name"))).toList();
    }

    /**
     * Runs one CTAP2 command.
     *
     * @param request the command byte followed by its CBOR parameters
     * @return the status byte followed by the CBOR response, if any
     */
    public synchronized byte[] process(byte[] request, CommandContext context) {
        long started = System.nanoTime();
        try {
            return run(request, context);
        } finally {
            busyNanos.addAndGet(System.nanoTime() - started);
        }
    }

    /** Time spent in commands so far, the key's own time (waiting for touches included), for overhead measurements. */
    public long busyNanos() {
        return busyNanos.get();
    }

    private byte[] run(byte[] request, CommandContext context) {
        if (request.length == 0) {
            return new byte[]{CtapStatus.INVALID_LENGTH.code()};
        }
        try {
            CborRequest parameters = CborRequest.decode(Arrays.copyOfRange(request, 1, request.length));
            Map<Integer, Object> response = switch (request[0]) {
                case MAKE_CREDENTIAL -> makeCredential.run(parameters, context);
                case GET_ASSERTION -> getAssertion.run(parameters, context);
                case GET_NEXT_ASSERTION -> getAssertion.next();
                case GET_INFO -> info();
                case CLIENT_PIN -> clientPin.run(parameters);
                case RESET -> reset(context);
                case CREDENTIAL_MANAGEMENT -> credentialManagement.run(parameters);
                case SELECTION -> {
                    state.awaitTouch(context);
                    yield Map.of();
                }
                case CONFIG -> config.run(parameters);
                default -> throw new CtapError(CtapStatus.INVALID_COMMAND, "command " + request[0]);
            };
            return encode(response);
        } catch (CtapError e) {
            return new byte[]{e.status().code()};
        }
    }

    private static byte[] encode(Map<Integer, Object> response) {
        if (response.isEmpty()) {
            return new byte[]{CtapStatus.OK.code()};
        }
        byte[] cbor = Cbor.encode(response);
        byte[] out = new byte[cbor.length + 1];
        System.arraycopy(cbor, 0, out, 1, cbor.length);
        return out;
    }

    /** authenticatorGetInfo (CTAP 2.1 §6.4). */
    private Map<Integer, Object> info() {
        KeyModel model = state.model;
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rk", true);
        options.put("up", true);
        options.put("plat", false);
        options.put("clientPin", state.pinSet());
        if (model.ctap21()) {
            options.put("credMgmt", true);
            options.put("authnrCfg", true);
            options.put("setMinPINLength", true);
            options.put("makeCredUvNotRqd", false);
            options.put("pinUvAuthToken", true);
            options.put("alwaysUv", state.alwaysUv);
        }
        Map<Integer, Object> info = new LinkedHashMap<>();
        info.put(0x01, model.versions());
        info.put(0x02, List.of("credProtect"));
        info.put(0x03, AttestationAuthority.bytes(model.aaguid()));
        info.put(0x04, options);
        info.put(0x05, MAX_MESSAGE_SIZE);
        info.put(0x06, model.pinUvAuthProtocols());
        info.put(0x07, 8);
        info.put(0x08, 128);
        if (model.ctap21()) {
            info.put(0x09, List.of("usb"));
            info.put(0x0A, List.of(Map.of("alg", CoseKeys.ES256, "type", "public-key")));
            info.put(0x0C, state.forcePinChange);
            info.put(0x0D, state.minPinLength);
            info.put(0x0E, model.firmwareVersion());
            info.put(0x14, Math.max(0, state.remainingSlots()));
        }
        return info;
    }

    private Map<Integer, Object> reset(CommandContext context) throws CtapError {
        if (Duration.between(state.poweredUp, state.clock.instant()).compareTo(RESET_WINDOW) > 0) {
            throw new CtapError(CtapStatus.NOT_ALLOWED, "reset only within 10 seconds of plugging the key in");
        }
        state.awaitTouch(context);
        state.wipe();
        return Map.of();
    }
}
