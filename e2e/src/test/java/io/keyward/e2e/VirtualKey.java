package io.keyward.e2e;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.util.List;
import java.util.Map;

/**
 * A Chrome virtual authenticator on the test's tab: AAGUID {@value #CHROME_AAGUID}, {@code packed} attestation
 * with a self-signed batch certificate. Add it before the page calls WebAuthn.
 */
final class VirtualKey {

    static final String CHROME_AAGUID = "01020304-0506-0708-0102-030405060708";

    /**
     * The public key (SubjectPublicKeyInfo, base64 DER) of Chromium's virtual authenticator attestation key. Its
     * self-signed "Batch Certificate" (C=US, O=Chromium, OU=Authenticator Attestation) is issued anew for every
     * credential, always with this key, which is fixed in Chromium's virtual FIDO device; read from x5c[0] of a
     * Chromium 156 registration. Trusting this key (not a certificate) makes its {@code packed} attestation trusted.
     */
    static final String CHROME_BATCH_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEjWF+ZclQjmS8xWc6yCpnmdo8FEZoLCWMRj"
            + "//31jf0vo+bDeLU9eVxKTf+0GZ7deGLyOrrwIDtLiRG6BWmZThAQ==";

    private final ChromeDriver driver;
    private final String id;
    private final VirtualAuthenticator selenium;

    private VirtualKey(ChromeDriver driver, String id, VirtualAuthenticator selenium) {
        this.driver = driver;
        this.id = id;
        this.selenium = selenium;
    }

    static VirtualKey deviceBound(ChromeDriver driver) {
        VirtualAuthenticator authenticator = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        return new VirtualKey(driver, authenticator.getId(), authenticator);
    }

    /**
     * A platform authenticator (transport {@code internal}, what a phone or laptop offers) created over CDP, the only
     * way to set the backup flags: {@code backedUp} true gives a synced passkey (BE=1, BS=1), false a device-bound one.
     * Chrome offers platform passkeys in the autofill list, and its virtual environment picks them at once.
     */
    static VirtualKey platform(ChromeDriver driver, boolean backedUp) {
        BrowserSession.cdp(driver, "WebAuthn.enable", Map.of("enableUI", false));
        Map<String, Object> options = Map.of("protocol", "ctap2", "ctap2Version", "ctap2_1", "transport", "internal",
                "hasResidentKey", true, "hasUserVerification", true, "isUserVerified", true,
                "automaticPresenceSimulation", true, "defaultBackupEligibility", backedUp, "defaultBackupState", backedUp);
        Object id = BrowserSession.cdp(driver, "WebAuthn.addVirtualAuthenticator", Map.of("options", options)).get("authenticatorId");
        return new VirtualKey(driver, (String) id, null);
    }

    /**
     * Makes the authenticator's next responses wrong the way an attacker or a broken key would (CDP
     * {@code WebAuthn.setResponseOverrideBits}): a signature that does not verify, UV=0, or UP=0.
     */
    void overrideResponses(boolean bogusSignature, boolean badUserVerification, boolean badUserPresence) {
        BrowserSession.cdp(driver, "WebAuthn.setResponseOverrideBits", Map.of("authenticatorId", id,
                "isBogusSignature", bogusSignature, "isBadUV", badUserVerification, "isBadUP", badUserPresence));
    }

    /** The credentials the authenticator holds (Selenium's API; only for {@link #deviceBound} keys). */
    List<Credential> credentials() {
        return requireSelenium().getCredentials();
    }

    /**
     * Puts the credential back with a lower signature counter, as a clone made earlier would present it: remove
     * it and add the same key pair and user handle with {@code signCount}.
     */
    void rewindCounter(Credential credential, int signCount) {
        VirtualAuthenticator authenticator = requireSelenium();
        authenticator.removeCredential(credential.getId());
        authenticator.addCredential(Credential.createResidentCredential(credential.getId(), credential.getRpId(),
                credential.getPrivateKey(), credential.getUserHandle(), signCount));
    }

    void remove() {
        try {
            BrowserSession.cdp(driver, "WebAuthn.removeVirtualAuthenticator", Map.of("authenticatorId", id));
        } catch (RuntimeException alreadyGone) {
            // The tab may have been replaced by a failed scenario; nothing is left to remove then.
        }
    }

    private VirtualAuthenticator requireSelenium() {
        if (selenium == null) {
            throw new IllegalStateException("credential access is only wired for Selenium-created authenticators");
        }
        return selenium;
    }
}
