package io.keyward.station.simulator;

import com.yubico.yubikit.fido.Cbor;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * authenticatorCredentialManagement (CTAP 2.1 §6.8): metadata, enumerate RPs and credentials, delete a
 * credential, update the user information stored with it.
 */
final class CredentialManagementCommand {

    private static final int SUB_COMMAND = 0x01, PARAMS = 0x02, PROTOCOL = 0x03, PIN_UV_AUTH_PARAM = 0x04;
    private static final int GET_METADATA = 0x01, ENUMERATE_RPS_BEGIN = 0x02, ENUMERATE_RPS_NEXT = 0x03,
            ENUMERATE_CREDENTIALS_BEGIN = 0x04, ENUMERATE_CREDENTIALS_NEXT = 0x05, DELETE = 0x06, UPDATE_USER = 0x07;
    private static final int PARAM_RP_ID_HASH = 0x01, PARAM_CREDENTIAL_ID = 0x02, PARAM_USER = 0x03;

    private final KeyState key;
    private Deque<StoredCredential> rpsLeft = new ArrayDeque<>();
    private Deque<StoredCredential> credentialsLeft = new ArrayDeque<>();

    CredentialManagementCommand(KeyState key) {
        this.key = key;
    }

    Map<Integer, Object> run(CborRequest request) throws CtapError {
        if (!key.model.ctap21()) {
            throw new CtapError(CtapStatus.INVALID_COMMAND, "CTAP 2.0 keys have no credential management");
        }
        int subCommand = request.integer(SUB_COMMAND);
        Optional<Map<?, ?>> params = request.optionalMap(PARAMS);
        if (subCommand != ENUMERATE_RPS_NEXT && subCommand != ENUMERATE_CREDENTIALS_NEXT) {
            authorize(request, subCommand, params);
        }
        return switch (subCommand) {
            case GET_METADATA -> Map.of(0x01, key.discoverable().size(), 0x02, Math.max(0, key.remainingSlots()));
            case ENUMERATE_RPS_BEGIN -> beginRps();
            case ENUMERATE_RPS_NEXT -> nextRp(false);
            case ENUMERATE_CREDENTIALS_BEGIN -> beginCredentials(params);
            case ENUMERATE_CREDENTIALS_NEXT -> nextCredential(false);
            case DELETE -> delete(params);
            case UPDATE_USER -> updateUser(params);
            default -> throw new CtapError(CtapStatus.INVALID_SUBCOMMAND, "credential management " + subCommand);
        };
    }

    /** pinUvAuthParam = authenticate(token, subCommand || subCommandParams) with the cm permission (§6.8.1). */
    private void authorize(CborRequest request, int subCommand, Optional<Map<?, ?>> params) throws CtapError {
        if (!request.has(PIN_UV_AUTH_PARAM)) {
            throw new CtapError(CtapStatus.PUAT_REQUIRED, "credential management needs a pinUvAuthParam");
        }
        PinProtocol protocol = PinProtocol.of(request.raw(PROTOCOL), key.model);
        byte[] encodedParams = params.map(Cbor::encode).orElse(new byte[0]);
        byte[] message = new byte[1 + encodedParams.length];
        message[0] = (byte) subCommand;
        System.arraycopy(encodedParams, 0, message, 1, encodedParams.length);
        if ((subCommand == GET_METADATA || subCommand == ENUMERATE_RPS_BEGIN) && key.tokenRpId.isPresent()) {
            throw new CtapError(CtapStatus.PIN_AUTH_INVALID, "a token bound to one RP cannot see all RPs");
        }
        key.verifyToken(protocol, message, request.bytes(PIN_UV_AUTH_PARAM), KeyState.PERMISSION_CM, Optional.empty());
    }

    private Map<Integer, Object> beginRps() throws CtapError {
        rpsLeft = new ArrayDeque<>();
        for (StoredCredential credential : key.discoverable()) {
            if (rpsLeft.stream().noneMatch(seen -> seen.rpId.equals(credential.rpId))) {
                rpsLeft.add(credential);
            }
        }
        if (rpsLeft.isEmpty()) {
            throw new CtapError(CtapStatus.NO_CREDENTIALS, "no discoverable credentials");
        }
        return nextRp(true);
    }

    private Map<Integer, Object> nextRp(boolean first) throws CtapError {
        if (rpsLeft.isEmpty()) {
            throw new CtapError(CtapStatus.NOT_ALLOWED, "no RP enumeration in progress");
        }
        int total = rpsLeft.size();
        StoredCredential credential = rpsLeft.poll();
        Map<Integer, Object> response = new LinkedHashMap<>();
        response.put(0x03, credential.rp);
        response.put(0x04, credential.rpIdHash.clone());
        if (first) {
            response.put(0x05, total);
        }
        return response;
    }

    private Map<Integer, Object> beginCredentials(Optional<Map<?, ?>> params) throws CtapError {
        if (params.isEmpty() || !(params.get().get(PARAM_RP_ID_HASH) instanceof byte[] rpIdHash)) {
            throw new CtapError(CtapStatus.MISSING_PARAMETER, "rpIDHash missing");
        }
        credentialsLeft = new ArrayDeque<>(key.discoverable().stream()
                .filter(credential -> Arrays.equals(credential.rpIdHash, rpIdHash)).toList());
        if (credentialsLeft.isEmpty()) {
            throw new CtapError(CtapStatus.NO_CREDENTIALS, "no credentials for that RP");
        }
        return nextCredential(true);
    }

    private Map<Integer, Object> nextCredential(boolean first) throws CtapError {
        if (credentialsLeft.isEmpty()) {
            throw new CtapError(CtapStatus.NOT_ALLOWED, "no credential enumeration in progress");
        }
        int total = credentialsLeft.size();
        StoredCredential credential = credentialsLeft.poll();
        Map<Integer, Object> response = new LinkedHashMap<>();
        response.put(0x06, credential.user);
        response.put(0x07, Map.of("id", credential.id.clone(), "type", "public-key"));
        response.put(0x08, CoseKeys.encode((ECPublicKey) credential.key.getPublic(), CoseKeys.ES256));
        if (first) {
            response.put(0x09, total);
        }
        response.put(0x0A, credential.credProtect);
        return response;
    }

    private Map<Integer, Object> delete(Optional<Map<?, ?>> params) throws CtapError {
        StoredCredential credential = credentialNamedIn(params);
        key.credentials.remove(credential);
        return Map.of();
    }

    /** updateUserInformation (§6.8.7): same user id; name and displayName replaced, absent ones removed. */
    private Map<Integer, Object> updateUser(Optional<Map<?, ?>> params) throws CtapError {
        StoredCredential credential = credentialNamedIn(params);
        if (!(params.get().get(PARAM_USER) instanceof Map<?, ?> user) || !(user.get("id") instanceof byte[] userId)) {
            throw new CtapError(CtapStatus.MISSING_PARAMETER, "user missing");
        }
        if (!Arrays.equals(userId, credential.userId())) {
            throw new CtapError(CtapStatus.INVALID_PARAMETER, "user.id differs from the credential's");
        }
        credential.user = Map.copyOf(user);
        return Map.of();
    }

    private StoredCredential credentialNamedIn(Optional<Map<?, ?>> params) throws CtapError {
        if (params.isEmpty() || !(params.get().get(PARAM_CREDENTIAL_ID) instanceof Map<?, ?> descriptor)
                || !(descriptor.get("id") instanceof byte[] id)) {
            throw new CtapError(CtapStatus.MISSING_PARAMETER, "credentialID missing");
        }
        List<StoredCredential> found = key.discoverable().stream().filter(c -> Arrays.equals(c.id, id)).toList();
        if (found.isEmpty()) {
            throw new CtapError(CtapStatus.NO_CREDENTIALS, "no such credential on this key");
        }
        return found.get(0);
    }
}
