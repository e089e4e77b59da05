package io.keyward.station.enrollment;

import com.yubico.yubikit.core.application.CommandException;
import com.yubico.yubikit.core.fido.CtapException;
import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.CredentialManagement;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocol;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV1;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV2;
import com.yubico.yubikit.fido.webauthn.AttestationObject;
import com.yubico.yubikit.fido.webauthn.AuthenticatorData;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.config.PinMode;
import io.keyward.station.graph.CreationOptions;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.GraphRefusal;
import io.keyward.station.graph.KeyRestrictions;
import io.keyward.station.graph.KeywardUnavailableException;
import io.keyward.station.graph.ModelFacts;
import io.keyward.station.graph.Pending;
import io.keyward.station.graph.ProvisioningStatement;
import io.keyward.station.graph.RegisteredPasskey;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.key.KeyUnavailableException;
import io.keyward.station.key.UsbKey;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One employee, one key (DESIGN.md §5): checks before the key is touched, creationOptions, PIN, makeCredential,
 * POST to Keyward, then the profile's key settings. Never leaves a half-registered key: when Keyward refuses
 * after the key made a credential, that credential is deleted from the key again, or the failure says what is left.
 */
public final class Enrollment {

    private static final Logger LOG = Logger.getLogger(Enrollment.class.getName());
    /** Default challenge validity for an enrollment at the kiosk (v1.0's fixed 5 minutes). */
    public static final int KIOSK_CHALLENGE_MINUTES = 5;

    private final StationGraph graph;
    private final String operator;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Enrollment(StationGraph graph, String operator, Clock clock) {
        this.graph = graph;
        this.operator = operator;
        this.clock = clock;
    }

    /** Where the key's attestation goes: Keyward at once (the kiosk), or a file registered later (drop-ship). */
    public interface Registrar {
        RegisteredPasskey register(Employee employee, String displayName, byte[] credentialId, byte[] clientDataJson,
                                   byte[] attestationObject, CreationOptions options, ProvisioningStatement statement)
                throws GraphRefusal, KeywardUnavailableException;

        /** Takes back what {@link #register} did, when the key could not be finished afterwards. */
        void withdraw(Employee employee, RegisteredPasskey passkey) throws GraphRefusal, KeywardUnavailableException;

        /** In plain words, where {@link #register} put the passkey ("Keyward", "the drop-ship file"). */
        String where();
    }

    /** Receives how long each step of an enrollment took (the station's benchmark prints them). */
    @FunctionalInterface
    public interface Timings {
        Timings NONE = (step, nanos) -> { };

        void step(String step, long nanos);
    }

    private Timings timings = Timings.NONE;

    public void timings(Timings timings) {
        this.timings = timings;
    }

    public EnrollmentResult enroll(UsbKey key, Employee employee, EnrollmentProfile profile, PinSource pins)
            throws EnrollmentFailure {
        return enroll(key, employee, profile, pins, KIOSK_CHALLENGE_MINUTES, new Registrar() {
            @Override
            public RegisteredPasskey register(Employee user, String name, byte[] id, byte[] clientData, byte[] attestation,
                                              CreationOptions options, ProvisioningStatement statement)
                    throws GraphRefusal, KeywardUnavailableException {
                return graph.register(user.id(), name, id, clientData, attestation, statement);
            }

            @Override
            public void withdraw(Employee user, RegisteredPasskey passkey) throws GraphRefusal, KeywardUnavailableException {
                graph.deletePasskey(user.id(), passkey.id());
            }

            @Override
            public String where() {
                return "Keyward";
            }
        });
    }

    /**
     * @param challengeMinutes how long Keyward keeps the challenge (5 at the kiosk; up to 43,200 for drop-ship)
     * @param registrar        takes the attestation; a refusal makes the station delete the credential from the key
     */
    public EnrollmentResult enroll(UsbKey key, Employee employee, EnrollmentProfile profile, PinSource pins,
                                   int challengeMinutes, Registrar registrar) throws EnrollmentFailure {
        checkEmployee(employee);
        Stopwatch watch = new Stopwatch(timings);
        // Asked for now, read once the key's getInfo is in: Keyward answers while the station talks to the key.
        Pending<CreationOptions> pendingOptions = graph.creationOptionsLater(employee.id(), challengeMinutes);
        Pending<KeyRestrictions> restrictions = graph.keyRestrictionsLater();
        try (HidFidoConnection connection = key.open(); Ctap2Session session = new Ctap2Session(connection)) {
            KeyFacts facts = KeyFacts.of(session.getCachedInfo());
            watch.step("key: open, getInfo");
            CreationOptions options = creationOptions(employee, pendingOptions);
            String model = checkKey(facts, key, restrictions);
            watch.step("Keyward: creationOptions, policy, model");
            List<String> notices = new ArrayList<>();
            if (profile.resetFirst()) {
                reset(session);
                facts = KeyFacts.of(session.getInfo());
            }
            PinUvAuthProtocol protocol = facts.pinUvAuthProtocols().contains(2) ? new PinUvAuthProtocolV2() : new PinUvAuthProtocolV1();
            ClientPin clientPin = new ClientPin(session, protocol);
            char[] pin = null;
            Optional<char[]> randomPin = Optional.empty();
            try {
                boolean pinSetNow = !facts.pinSet();
                if (pinSetNow) {
                    pin = newPin(employee, profile, pins, facts);
                    if (profile.pinMode() == PinMode.RANDOM) {
                        randomPin = Optional.of(pin.clone());
                    }
                    clientPin.setPin(pin);
                } else {
                    pin = pins.existingPin(employee, clientPin.getPinRetries().getCount());
                }
                watch.step("key: PIN");
                byte[] clientDataJson = clientDataJson(options);
                byte[] credentialId;
                Ctap2Session.CredentialData credential;
                byte[] token = token(clientPin, pin, ClientPin.PIN_PERMISSION_MC, options.rpId());
                byte[] clientDataHash = sha256(clientDataJson);
                credential = session.makeCredential(clientDataHash, Map.of("id", options.rpId(), "name", options.rpName()),
                        Map.of("id", options.userId(), "name", options.userName(), "displayName", options.userDisplayName()),
                        algorithms(options), excludeList(options), null, Map.of("rk", true),
                        protocol.authenticate(token, clientDataHash), protocol.getVersion(), null, null);
                credentialId = AuthenticatorData.parseFrom(ByteBuffer.wrap(credential.getAuthenticatorData()))
                        .getAttestedCredentialData().getCredentialId();
                watch.step("key: token, makeCredential");
                KeySettings settings = KeySettings.plan(profile, facts, Character.codePointCount(pin, 0, pin.length), notices);
                ProvisioningStatement statement = settings.statement(pinSetNow);
                String displayName = displayName(model, key.serialNumber());
                RegisteredPasskey passkey = register(registrar, options, employee, displayName, credentialId, clientDataJson,
                        credential, statement, session, clientPin, pin, facts);
                watch.step("Keyward: register");
                KeyFacts after;
                try {
                    if (settings.changesTheKey()) {
                        settings.apply(session, protocol, token(clientPin, pin, ClientPin.PIN_PERMISSION_ACFG, null));
                        after = KeyFacts.of(session.getInfo());
                    } else {
                        after = facts.afterEnrollment();
                    }
                } catch (IOException | CommandException e) {
                    throw unfinished(e, settings, registrar, employee, passkey, credentialId, session, clientPin, pin, facts);
                }
                watch.step("key: settings");
                LOG.info(() -> "enrolled a key for " + employee.userPrincipalName() + " (operator " + operator + ", model "
                        + model + ", PIN set by the station: " + statement.pinSet() + ", PIN change forced: "
                        + statement.pinChangeForced() + ", minimum PIN length: " + statement.minimumPinLength()
                        + ", always UV: " + statement.alwaysUv() + ")");
                return new EnrollmentResult(employee, after, model, key.serialNumber(), passkey,
                        credentialId, pinSetNow, randomPin, statement.pinChangeForced(), List.copyOf(notices), operator, clock.instant());
            } finally {
                if (pin != null) {
                    Arrays.fill(pin, '\0');
                }
            }
        } catch (KeyUnavailableException e) {
            throw new EnrollmentFailure(StationReason.KEY_REMOVED, "The key was pulled out or stopped answering before"
                    + " enrollment finished. Nothing was registered for " + employee.displayName() + "; insert the key and retry.");
        } catch (CtapException e) {
            throw KeyErrors.translate(e, retriesAfter(key));
        } catch (IOException | CommandException e) {
            throw new EnrollmentFailure(StationReason.KEY_ERROR, "The key could not be used: " + e.getMessage());
        }
    }

    /** Station-side checks on the employee; Keyward repeats them all when it is asked for creationOptions. */
    public static void checkEmployee(Employee employee) throws EnrollmentFailure {
        if (employee.guest()) {
            throw new EnrollmentFailure(StationReason.GUEST_USER_NOT_SUPPORTED, employee.displayName()
                    + " is a guest (B2B) account; guests cannot have a security key registered. The key was not touched.");
        }
        if (!employee.accountEnabled()) {
            throw new EnrollmentFailure(StationReason.ACCOUNT_DISABLED, employee.displayName()
                    + "'s account is disabled. The key was not touched.");
        }
    }

    private CreationOptions creationOptions(Employee employee, Pending<CreationOptions> options) throws EnrollmentFailure {
        try {
            return options.get();
        } catch (GraphRefusal refusal) {
            throw new EnrollmentFailure(refusal.code(), "Keyward refuses a security key for " + employee.displayName()
                    + ": " + refusal.getMessage() + " The key was not touched.");
        } catch (KeywardUnavailableException e) {
            throw new EnrollmentFailure(StationReason.KEYWARD_UNREACHABLE.code(), e.getMessage()
                    + ". The key was not touched; try again when Keyward is back.");
        }
    }

    /** The key's own facts against the policy, read-only: getInfo has changed nothing on the key yet. */
    private String checkKey(KeyFacts facts, UsbKey key, Pending<KeyRestrictions> pendingRestrictions) throws EnrollmentFailure {
        if (!facts.ctap2()) {
            throw new EnrollmentFailure(StationReason.KEY_NOT_CTAP2, "This key speaks only U2F (no CTAP2); it cannot hold a passkey.");
        }
        if (!facts.residentKeys()) {
            throw new EnrollmentFailure(StationReason.NO_RESIDENT_KEYS, "This key cannot store passkeys (no resident keys).");
        }
        if (facts.remainingResidentCredentials().filter(left -> left == 0).isPresent()) {
            throw new EnrollmentFailure(StationReason.KEY_FULL, "The key has no room for another passkey. Delete one"
                    + " (key maintenance) or use another key.");
        }
        try {
            KeyRestrictions restrictions = pendingRestrictions.get();
            Optional<ModelFacts> model = graph.model(facts.aaguid());
            String name = model.map(ModelFacts::description).filter(description -> !description.isBlank()).orElse(key.product());
            if (restrictions.refuses(facts.aaguid())) {
                throw new EnrollmentFailure(StationReason.AAGUID_NOT_ALLOWED, "The passkey policy does not allow this"
                        + " kind of key (" + name + ", AAGUID " + facts.aaguid() + "). Use an allowed model; this key was not changed.");
            }
            if (model.map(ModelFacts::compromised).orElse(false)) {
                throw new EnrollmentFailure(StationReason.AUTHENTICATOR_COMPROMISED, "This kind of key (" + name
                        + ") is reported compromised. Use another model; this key was not changed.");
            }
            return name;
        } catch (GraphRefusal refusal) {
            throw new EnrollmentFailure(refusal.code(), "Keyward refused to show its passkey policy: " + refusal.getMessage());
        } catch (KeywardUnavailableException e) {
            throw new EnrollmentFailure(StationReason.KEYWARD_UNREACHABLE, e.getMessage() + ". The key was not changed.");
        }
    }

    private static void reset(Ctap2Session session) throws IOException, CommandException, EnrollmentFailure {
        try {
            session.reset(null);
        } catch (CtapException e) {
            if (e.getCtapError() == CtapException.ERR_NOT_ALLOWED) {
                throw new EnrollmentFailure(StationReason.RESET_NOT_ALLOWED, "A key can only be reset in the first 10"
                        + " seconds after it is plugged in. Pull it out, insert it again and start at once.");
            }
            throw e;
        }
    }

    private char[] newPin(Employee employee, EnrollmentProfile profile, PinSource pins, KeyFacts facts) {
        int minLength = Math.max(profile.minPinLength(), facts.minPinLength());
        if (profile.pinMode() == PinMode.RANDOM) {
            char[] pin = new char[Math.max(profile.pinLength(), minLength)];
            for (int i = 0; i < pin.length; i++) {
                pin[i] = (char) ('0' + random.nextInt(10));
            }
            return pin;
        }
        return pins.newPin(employee, minLength);
    }

    private static byte[] token(ClientPin clientPin, char[] pin, int permissions, String rpId)
            throws IOException, CommandException {
        return clientPin.getPinToken(pin, permissions, rpId);
    }

    /**
     * POSTs the attestation. If Keyward refuses, the credential just made is deleted from the key so nothing
     * half-registered is left; a key without credential management keeps it, and the failure says so.
     */
    private RegisteredPasskey register(Registrar registrar, CreationOptions options, Employee employee, String displayName,
                                       byte[] credentialId, byte[] clientDataJson, Ctap2Session.CredentialData credential,
                                       ProvisioningStatement statement, Ctap2Session session, ClientPin clientPin, char[] pin,
                                       KeyFacts facts) throws EnrollmentFailure {
        byte[] attestationObject = AttestationObject.fromCredential(credential).toBytes();
        String why;
        String code;
        try {
            return registrar.register(employee, displayName, credentialId, clientDataJson, attestationObject, options, statement);
        } catch (GraphRefusal refusal) {
            code = refusal.code();
            why = "Keyward refused the key for " + employee.displayName() + ": " + refusal.getMessage();
        } catch (KeywardUnavailableException e) {
            code = StationReason.KEYWARD_UNREACHABLE.code();
            why = e.getMessage() + "; the key was not registered for " + employee.displayName();
        }
        return cleanUp(code, why, credentialId, session, clientPin, pin, employee, facts);
    }

    private RegisteredPasskey cleanUp(String code, String why, byte[] credentialId, Ctap2Session session, ClientPin clientPin,
                                      char[] pin, Employee employee, KeyFacts facts) throws EnrollmentFailure {
        String leftOver = "a passkey for " + employee.userPrincipalName() + " that Keyward does not know";
        if (!facts.credentialManagement()) {
            throw new EnrollmentFailure(code, why + ". The key cannot delete single passkeys, so it still holds "
                    + leftOver + "; reset the key to remove it.", Optional.of(leftOver));
        }
        try {
            byte[] token = token(clientPin, pin, ClientPin.PIN_PERMISSION_CM, null);
            new CredentialManagement(session, clientPin.getPinUvAuth(), token)
                    .deleteCredential(Map.of("type", "public-key", "id", credentialId));
            throw new EnrollmentFailure(code, why + ". The passkey the key had made was deleted from the key again.");
        } catch (IOException | CommandException e) {
            throw new EnrollmentFailure(code, why + ". Deleting it from the key failed (" + e.getMessage()
                    + "), so the key still holds " + leftOver + "; delete it in key maintenance.", Optional.of(leftOver));
        }
    }

    /**
     * The key's settings could not be applied after {@code registrar} took the passkey (the key was pulled, or it
     * refused): the registration is taken back and the passkey deleted from the key, so nothing half-done is left;
     * what could not be undone is said exactly.
     */
    private EnrollmentFailure unfinished(Exception cause, KeySettings settings, Registrar registrar, Employee employee,
                                         RegisteredPasskey passkey, byte[] credentialId, Ctap2Session session,
                                         ClientPin clientPin, char[] pin, KeyFacts facts) {
        boolean pulled = cause instanceof KeyUnavailableException;
        String code = pulled ? StationReason.KEY_REMOVED.code()
                : cause instanceof CtapException ctap ? KeyErrors.translate(ctap, -1).reasonCode() : StationReason.KEY_ERROR.code();
        StringBuilder message = new StringBuilder("The key's settings (").append(settings.describe()).append(") could not be applied: ")
                .append(pulled ? "the key was pulled out" : cause.getMessage()).append(". ");
        Optional<String> leftOnKey = Optional.empty();
        try {
            registrar.withdraw(employee, passkey);
            message.append("The registration in ").append(registrar.where()).append(" was taken back");
        } catch (GraphRefusal | KeywardUnavailableException e) {
            message.append(registrar.where()).append(" still holds the registration (").append(e.getMessage())
                    .append("): delete the passkey \"").append(passkey.displayName()).append("\" of ").append(employee.displayName())
                    .append(" there");
        }
        String leftOver = "a passkey for " + employee.userPrincipalName() + " that Keyward does not know";
        if (pulled || !facts.credentialManagement()) {
            leftOnKey = Optional.of(leftOver);
            message.append("; the key still holds ").append(leftOver).append(pulled ? ": insert it and delete it in key"
                    + " maintenance, or reset the key." : "; reset the key to remove it.");
        } else {
            try {
                byte[] token = token(clientPin, pin, ClientPin.PIN_PERMISSION_CM, null);
                new CredentialManagement(session, clientPin.getPinUvAuth(), token)
                        .deleteCredential(Map.of("type", "public-key", "id", credentialId));
                message.append(", and the passkey was deleted from the key again. Enroll the key again.");
            } catch (IOException | CommandException e) {
                leftOnKey = Optional.of(leftOver);
                message.append("; deleting the passkey from the key failed (").append(e.getMessage())
                        .append("), so it still holds ").append(leftOver).append(": delete it in key maintenance.");
            }
        }
        LOG.warning(code + ": " + message);
        return new EnrollmentFailure(code, message.toString(), leftOnKey);
    }

    private static int retriesAfter(UsbKey key) {
        try (HidFidoConnection connection = key.open(); Ctap2Session session = new Ctap2Session(connection)) {
            return new ClientPin(session, new PinUvAuthProtocolV1()).getPinRetries().getCount();
        } catch (IOException | CommandException e) {
            return -1;
        }
    }

    /** clientDataJSON as provisioning clients build it (GRAPH-API.md §2.4, §6): origin https:// + rp.id. */
    static byte[] clientDataJson(CreationOptions options) {
        return ("{\"type\":\"webauthn.create\",\"challenge\":\"" + options.challenge() + "\",\"origin\":\"https://"
                + options.rpId() + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Map<String, ?>> algorithms(CreationOptions options) {
        List<Map<String, ?>> parameters = new ArrayList<>();
        for (int algorithm : options.algorithms()) {
            parameters.add(Map.of("type", "public-key", "alg", algorithm));
        }
        return parameters.isEmpty() ? List.of(Map.of("type", "public-key", "alg", -7)) : parameters;
    }

    private static List<Map<String, ?>> excludeList(CreationOptions options) {
        List<Map<String, ?>> descriptors = new ArrayList<>();
        options.excludeCredentialIds().forEach(id -> descriptors.add(Map.of("type", "public-key", "id", id)));
        return descriptors.isEmpty() ? null : descriptors;
    }

    /** Model and serial where known, 3–30 characters (GRAPH-API.md §2.2: clients cap display names at 30). */
    static String displayName(String model, Optional<String> serial) {
        String suffix = serial.map(value -> " " + value).orElse("");
        int room = Math.max(3, 30 - suffix.length());
        String name = (model.length() > room ? model.substring(0, room).trim() : model) + suffix;
        name = name.length() > 30 ? name.substring(0, 30) : name;
        return name.length() < 3 ? "Security key" : name;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
