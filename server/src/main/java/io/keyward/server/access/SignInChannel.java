package io.keyward.server.access;

import java.util.Optional;

/**
 * Where a sign-in comes from: the app being signed into, the kind of client, and the client's address. Adapters
 * (the sign-in page's API, the OpenID Connect authorize flow) pass it to the ceremony, which logs with it.
 */
public record SignInChannel(String appId, String appDisplayName, String clientApp, Optional<String> ipAddress) {

    /** Keyward's own sign-in pages, as the "app" of a sign-in. */
    public static final String KEYWARD_APP_ID = "00000000-0000-0000-0000-00000000c0de";
    public static final String KEYWARD_APP_NAME = "Keyward sign-in";

    /** A sign-in on Keyward's own pages from a browser at {@code ipAddress}. */
    public static SignInChannel keywardPages(String ipAddress) {
        return browser(KEYWARD_APP_ID, KEYWARD_APP_NAME, ipAddress);
    }

    /** A browser at {@code ipAddress} signing into the app {@code appId} (its authorization request, or SSO into it). */
    public static SignInChannel browser(String appId, String appDisplayName, String ipAddress) {
        return new SignInChannel(appId, appDisplayName, "Browser", Optional.ofNullable(ipAddress));
    }
}
