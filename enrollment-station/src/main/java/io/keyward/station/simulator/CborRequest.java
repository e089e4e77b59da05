package io.keyward.station.simulator;

import com.yubico.yubikit.fido.Cbor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access to a decoded CTAP2 request map; a wrong type or a missing member is the status the spec names. */
final class CborRequest {

    private final Map<?, ?> members;

    CborRequest(Map<?, ?> members) {
        this.members = members;
    }

    static CborRequest decode(byte[] cbor) throws CtapError {
        if (cbor.length == 0) {
            return new CborRequest(Map.of());
        }
        Object decoded;
        try {
            decoded = Cbor.decode(cbor);
        } catch (RuntimeException e) {
            throw new CtapError(CtapStatus.INVALID_CBOR, "request is not CBOR: " + e.getMessage());
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new CtapError(CtapStatus.CBOR_UNEXPECTED_TYPE, "request is not a CBOR map");
        }
        return new CborRequest(map);
    }

    boolean has(int key) {
        return members.get(key) != null;
    }

    Object raw(int key) {
        return members.get(key);
    }

    byte[] bytes(int key) throws CtapError {
        return optionalBytes(key).orElseThrow(() -> missing(key));
    }

    Optional<byte[]> optionalBytes(int key) throws CtapError {
        return typed(key, byte[].class);
    }

    String text(int key) throws CtapError {
        return typed(key, String.class).orElseThrow(() -> missing(key));
    }

    Optional<String> optionalText(int key) throws CtapError {
        return typed(key, String.class);
    }

    int integer(int key) throws CtapError {
        return optionalInteger(key).orElseThrow(() -> missing(key));
    }

    Optional<Integer> optionalInteger(int key) throws CtapError {
        return typed(key, Integer.class);
    }

    Map<?, ?> map(int key) throws CtapError {
        return optionalMap(key).orElseThrow(() -> missing(key));
    }

    Optional<Map<?, ?>> optionalMap(int key) throws CtapError {
        Optional<Map> map = typed(key, Map.class);
        return map.map(value -> (Map<?, ?>) value);
    }

    Optional<List<?>> optionalList(int key) throws CtapError {
        Optional<List> list = typed(key, List.class);
        return list.map(value -> (List<?>) value);
    }

    List<?> list(int key) throws CtapError {
        return optionalList(key).orElseThrow(() -> missing(key));
    }

    private <T> Optional<T> typed(int key, Class<T> type) throws CtapError {
        Object value = members.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw new CtapError(CtapStatus.CBOR_UNEXPECTED_TYPE, "member " + key + " is not a " + type.getSimpleName());
        }
        return Optional.of(type.cast(value));
    }

    private static CtapError missing(int key) {
        return new CtapError(CtapStatus.MISSING_PARAMETER, "member " + key + " missing");
    }

    /** A boolean option of an options map (makeCredential 0x07, getAssertion 0x05). */
    static Optional<Boolean> option(Optional<Map<?, ?>> options, String name) throws CtapError {
        if (options.isEmpty() || options.get().get(name) == null) {
            return Optional.empty();
        }
        if (!(options.get().get(name) instanceof Boolean value)) {
            throw new CtapError(CtapStatus.CBOR_UNEXPECTED_TYPE, "option " + name + " is not a boolean");
        }
        return Optional.of(value);
    }
}
