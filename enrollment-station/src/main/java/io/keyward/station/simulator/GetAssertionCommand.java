package io.keyward.station.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** authenticatorGetAssertion and authenticatorGetNextAssertion (CTAP 2.1 §6.2, §6.3). */
final class GetAssertionCommand {

    private static final int RP_ID = 0x01, CLIENT_DATA_HASH = 0x02, ALLOW_LIST = 0x03, OPTIONS = 0x05,
            PIN_UV_AUTH_PARAM = 0x06, PROTOCOL = 0x07;

    private final KeyState key;
    private Deque<StoredCredential> remaining = new ArrayDeque<>();
    private byte[] pendingClientDataHash;
    private int pendingFlags;

    GetAssertionCommand(KeyState key) {
        this.key = key;
    }

    Map<Integer, Object> run(CborRequest request, CommandContext context) throws CtapError {
        remaining = new ArrayDeque<>();
        Optional<byte[]> pinUvAuthParam = request.optionalBytes(PIN_UV_AUTH_PARAM);
        if (pinUvAuthParam.isPresent() && pinUvAuthParam.get().length == 0) {
            key.answerPinProbe(context);
        }
        String rpId = request.text(RP_ID);
        byte[] clientDataHash = request.bytes(CLIENT_DATA_HASH);
        Optional<List<?>> allowList = request.optionalList(ALLOW_LIST).filter(list -> !list.isEmpty());
        Optional<Map<?, ?>> options = request.optionalMap(OPTIONS);
        if (CborRequest.option(options, "uv").orElse(false)) {
            throw new CtapError(CtapStatus.INVALID_OPTION, "no built-in user verification; use the PIN");
        }
        boolean userPresence = CborRequest.option(options, "up").orElse(true);
        boolean userVerified = false;
        if (pinUvAuthParam.isPresent()) {
            PinProtocol protocol = PinProtocol.of(request.raw(PROTOCOL), key.model);
            key.verifyToken(protocol, clientDataHash, pinUvAuthParam.get(), KeyState.PERMISSION_GA, Optional.of(rpId));
            userVerified = true;
        } else if (key.alwaysUv && key.pinSet()) {
            throw new CtapError(CtapStatus.PUAT_REQUIRED, "alwaysUv: getAssertion needs a pinUvAuthParam");
        }
        boolean verified = userVerified;
        List<StoredCredential> candidates = key.credentials.stream()
                .filter(credential -> credential.rpId.equals(rpId))
                .filter(credential -> allowList.map(list -> listed(list, credential)).orElse(credential.discoverable))
                // credProtect (CTAP 2.1 §12.1): level 3 always needs UV, level 2 needs it for discovery.
                .filter(credential -> verified || credential.credProtect == 1
                        || (credential.credProtect == 2 && allowList.isPresent()))
                .sorted(Comparator.comparing((StoredCredential credential) -> credential.created).reversed())
                .toList();
        if (candidates.isEmpty()) {
            throw new CtapError(CtapStatus.NO_CREDENTIALS, "no credential for " + rpId + " on this key");
        }
        if (userPresence) {
            key.awaitTouch(context);
        }
        if (pinUvAuthParam.isPresent()) {
            // §6.2.2 (CTAP 2.1): a token used for an assertion keeps only its lbw permission.
            key.tokenPermissions &= KeyState.PERMISSION_LBW;
        }
        pendingClientDataHash = clientDataHash;
        pendingFlags = (userPresence ? AuthenticatorData.UP : 0) | (userVerified ? AuthenticatorData.UV : 0);
        Map<Integer, Object> first = assertion(candidates.get(0), allowList.isEmpty());
        if (allowList.isEmpty() && candidates.size() > 1) {
            first.put(0x05, candidates.size());
            remaining = new ArrayDeque<>(candidates.subList(1, candidates.size()));
        }
        return first;
    }

    Map<Integer, Object> next() throws CtapError {
        if (remaining.isEmpty()) {
            throw new CtapError(CtapStatus.NOT_ALLOWED, "no getAssertion with more credentials before this");
        }
        return assertion(remaining.poll(), true);
    }

    private Map<Integer, Object> assertion(StoredCredential credential, boolean withUser) {
        credential.signCount++;
        byte[] authData = AuthenticatorData.forAssertion(credential.rpIdHash, pendingFlags, credential.signCount);
        Map<Integer, Object> response = new LinkedHashMap<>();
        response.put(0x01, Map.of("id", credential.id.clone(), "type", "public-key"));
        response.put(0x02, authData);
        response.put(0x03, AuthenticatorData.sign(credential.key.getPrivate(), authData, pendingClientDataHash));
        if (credential.discoverable && withUser) {
            // User name and display name only after user verification (CTAP 2.1 §6.2.2 step 12).
            response.put(0x04, (pendingFlags & AuthenticatorData.UV) != 0 ? credential.user
                    : Map.of("id", credential.userId()));
        } else if (credential.discoverable) {
            response.put(0x04, Map.of("id", credential.userId()));
        }
        return response;
    }

    private static boolean listed(List<?> allowList, StoredCredential credential) {
        return allowList.stream().anyMatch(descriptor -> descriptor instanceof Map<?, ?> map
                && map.get("id") instanceof byte[] id && Arrays.equals(id, credential.id));
    }
}
