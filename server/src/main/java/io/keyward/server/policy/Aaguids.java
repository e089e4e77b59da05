package io.keyward.server.policy;

import io.keyward.server.platform.Refused;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** AAGUIDs as admins write them: the dashed GUID form in any case, stored and shown in lowercase. */
public final class Aaguids {

    /** Microsoft Authenticator, iOS (device-bound passkey). */
    public static final UUID MICROSOFT_AUTHENTICATOR_IOS = UUID.fromString("90a3ccdf-635c-4729-a248-9b709135078f");
    /** Microsoft Authenticator, Android (device-bound passkey). */
    public static final UUID MICROSOFT_AUTHENTICATOR_ANDROID = UUID.fromString("de1e552d-db1d-4423-a619-566b625cdc84");
    /** The two AAGUIDs the "Microsoft Authenticator" switch adds to and removes from the key restrictions. */
    public static final List<UUID> MICROSOFT_AUTHENTICATOR = List.of(MICROSOFT_AUTHENTICATOR_IOS, MICROSOFT_AUTHENTICATOR_ANDROID);

    private static final Pattern DASHED = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Aaguids() {
    }

    /** Parses {@code 8-4-4-4-12} hex digits in any case; anything else is refused with the offending value. */
    public static UUID parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (!DASHED.matcher(trimmed).matches()) {
            throw Refused.invalid("'" + value + "' is not a valid AAGUID: write it as 32 hexadecimal digits in the form "
                    + "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.");
        }
        return UUID.fromString(trimmed.toLowerCase(Locale.ROOT));
    }
}
