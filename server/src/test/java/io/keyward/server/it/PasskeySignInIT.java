package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.TestDataUtil;
import com.webauthn4j.test.authenticator.webauthn.CustomAaguidAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkey sign-in through Keyward's sign-in API with webauthn4j emulators, and the policy behaviours of DESIGN.md
 * §3 at registration and sign-in: key restrictions added and removed after registration, method disabled,
 * exclusion, attestation enforcement before and after registration, self-service, guests, UPN change, deletion,
 * clone detection, tampered assertions. Each refusal is checked for its reason code in the response and in the
 * sign-in log. The policy is reset to its default after each test.
 */
class PasskeySignInIT extends GraphIT {

    static final String ZERO = "00000000-0000-0000-0000-000000000000";

    String userId;
    String userUpn;

    @BeforeEach
    void arrange() {
        userUpn = upn("signer");
        userId = graph.post("users", admin, userJson(userUpn, "Signer")).json().get("id").asText();
    }

    @AfterEach
    void resetPolicy() {
        assertThat(graph.delete(FIDO2, admin).status()).isEqualTo(204);
    }

    @Test
    void usernamelessSignInOpensASessionAndIsLoggedWithTheAaguidAndCredentialId() {
        PackedAuthenticator key = new PackedAuthenticator();
        String passkeyId = provision(key).get("id").asText();
        Browser browser = browser();

        Graph.Reply reply = browser.signIn(key, null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("userPrincipalName").asText()).isEqualTo(userUpn);
        JsonNode me = browser.get("myaccount").json();
        assertThat(me.get("userPrincipalName").asText()).isEqualTo(userUpn);
        assertThat(me.get("passkeys").get(0).get("id").asText()).isEqualTo(passkeyId);
        assertThat(me.get("passkeys").get(0).get("lastUsedDateTime").isNull()).isFalse();
        JsonNode entry = latestSignIn();
        assertThat(entry.get("status").get("errorCode").asInt()).isZero();
        assertThat(entry.get("authenticationDetails").get(0).get("authenticationMethod").asText()).isEqualTo("Passkey");
        assertThat(entry.get("authenticationProcessingDetails").toString()).contains("Passkey AAGUID").contains(ZERO)
                .contains("Passkey credential id");
    }

    /** The admin center's sign-in log filters by model: the AAGUID entry of authenticationProcessingDetails, as a lambda. */
    @Test
    void theSignInLogFiltersByThePasskeysAaguidAndRefusesOtherLambdas() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);
        String other = "cb69481e-8ff7-4039-93ec-0a2729a154a8";

        JsonNode ofTheModel = signIns("userId eq '" + userId + "' and authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq '"
                + ZERO + "')");
        JsonNode ofAnother = signIns("userId eq '" + userId + "' and authenticationProcessingDetails/any(d: d/value eq '" + other
                + "' and d/key eq 'Passkey AAGUID')");

        assertThat(ofTheModel).as("sign-ins with the model's passkey").hasSize(1);
        assertThat(ofTheModel.get(0).get("authenticationProcessingDetails").toString()).contains(ZERO);
        assertThat(ofAnother).as("sign-ins with another model").isEmpty();
        for (String refused : new String[]{"authenticationProcessingDetails/any(d:d/value eq '" + ZERO + "')",
                "authenticationProcessingDetails/any(d:d/key eq 'Keyward reason code' and d/value eq 'aaguidNotAllowed')",
                "authenticationProcessingDetails/any(d:d/key eq 'Passkey AAGUID' and d/value eq 'not-a-guid')"}) {
            assertRefused(graph.get("auditLogs/signIns?$filter=" + Graph.enc(refused), admin), 400, "invalidRequest");
        }
    }

    private JsonNode signIns(String filter) {
        Graph.Reply reply = graph.get("auditLogs/signIns?$filter=" + Graph.enc(filter), admin);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("value");
    }

    @Test
    void theSignInLogFindsAnEntryByItsTimeAndNotOutsideIt() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);
        JsonNode entry = latestSignIn();
        java.time.Instant at = java.time.Instant.parse(entry.get("createdDateTime").asText());

        // The range also bounds the time-ordered ids (SignInLog.idRangeOf): the entry must still be found in its range,
        // with either bound alone, and not in ranges beyond the id margin on either side.
        assertThat(latestSignIn(" and createdDateTime ge " + at.minusSeconds(1) + " and createdDateTime le " + at.plusSeconds(1))
                .get("id").asText()).isEqualTo(entry.get("id").asText());
        assertThat(latestSignIn(" and createdDateTime ge " + at.minusSeconds(1)).get("id").asText()).isEqualTo(entry.get("id").asText());
        assertThat(latestSignIn(" and createdDateTime le " + at.plusSeconds(1)).get("id").asText()).isEqualTo(entry.get("id").asText());
        assertThat(usersSignIns(" and createdDateTime ge " + at.minus(java.time.Duration.ofHours(3))
                + " and createdDateTime le " + at.minus(java.time.Duration.ofHours(2)))).isEmpty();
        assertThat(usersSignIns(" and createdDateTime ge " + at.plus(java.time.Duration.ofHours(2)))).isEmpty();
    }

    /** The filter compares the entry's lower-cased name (CaseFolded upn_key), which its index serves newest first. */
    @Test
    void theSignInLogFindsAUsersEntriesByUserPrincipalNameInAnyCase() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);
        String newest = latestSignIn().get("id").asText();

        Graph.Reply reply = graph.get("auditLogs/signIns?$top=1&$filter=" + Graph.enc("userPrincipalName eq '"
                + userUpn.toUpperCase(java.util.Locale.ROOT) + "'"), admin);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("value").findValuesAsText("id")).containsExactly(newest);
    }

    @Test
    void upnFirstSignInWorksWithoutListingTheUsersPasskeys() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = browser();

        JsonNode options = browser.post("signin/passkey/options", "{\"userPrincipalName\":\"" + userUpn + "\"}").json();
        Graph.Reply reply = browser.signIn(key, userUpn);

        assertThat(options.get("publicKey").get("allowCredentials")).isEmpty();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void removingTheAllowedModelAfterRegistrationLocksItOutAndAddingItBackLetsItIn() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"allow\",\"aaGuids\":[\"" + ZERO + "\"]}");
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);

        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"allow\",\"aaGuids\":[\"90a3ccdf-635c-4729-a248-9b709135078f\"]}");
        Graph.Reply refused = browser().signIn(key, null);

        assertRefused(refused, 403, "aaguidNotAllowed");
        assertThat(latestSignIn(" and status/errorCode ne 0").get("status").get("additionalDetails").asText()).isEqualTo("aaguidNotAllowed");

        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"allow\",\"aaGuids\":[\"90a3ccdf-635c-4729-a248-9b709135078f\",\"" + ZERO + "\"]}");
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);
    }

    @Test
    void blockedModelCannotRegisterOrSignIn() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\"" + ZERO + "\"]}");

        assertRefused(browser().signIn(key, null), 403, "aaguidNotAllowed");
        Graph.Reply registration = graph.post(passkeys(), admin, Provisioning.body(
                Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN, creationOptions()), "Blocked"));
        assertRefused(registration, 403, "aaguidNotAllowed");
    }

    @Test
    void auditOnlyRestrictionsRefuseNobodyButLogWhoWouldBeRefused() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        policy("\"keyRestrictions\":{\"isEnforced\":true,\"enforcementType\":\"block\",\"aaGuids\":[\"" + ZERO + "\"],\"isAuditOnly\":true}");

        assertThat(browser().signIn(key, null).status()).isEqualTo(200);
        assertThat(latestSignIn().get("authenticationProcessingDetails").toString()).contains("Keyward audit-only refusal")
                .contains("aaguidNotAllowed");
    }

    @Test
    void disabledMethodRefusesSignInAndRegistration() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        policy("\"state\":\"disabled\"");

        assertRefused(browser().signIn(key, null), 403, "passkeyMethodDisabled");
        assertRefused(graph.get(passkeys() + "/creationOptions", admin), 403, "passkeyMethodDisabled");
    }

    @Test
    void excludedGroupMemberIsOutOfScope() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        String group = graph.post("groups", admin, "{\"displayName\":\"No passkeys\",\"securityEnabled\":true,\"members@odata.bind\":"
                + "[\"https://graph.microsoft.com/v1.0/directoryObjects/" + userId + "\"]}").json().get("id").asText();
        policy("\"excludeTargets\":[{\"id\":\"" + group + "\",\"targetType\":\"group\"}]");

        assertRefused(browser().signIn(key, null), 403, "userNotInPasskeyPolicyScope");
    }

    @Test
    void aPolicyThatStartsExcludingTheUsersGroupRefusesTheNextSignIn() {
        // Policies that name no group are decided without reading group memberships; one that does must read them at once.
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        String group = graph.post("groups", admin, "{\"displayName\":\"Excluded later\",\"securityEnabled\":true,\"members@odata.bind\":"
                + "[\"https://graph.microsoft.com/v1.0/directoryObjects/" + userId + "\"]}").json().get("id").asText();
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);

        policy("\"excludeTargets\":[{\"id\":\"" + group + "\",\"targetType\":\"group\"}]");

        assertRefused(browser().signIn(key, null), 403, "userNotInPasskeyPolicyScope");
        assertThat(latestSignIn().get("status").get("additionalDetails").asText()).isEqualTo("userNotInPasskeyPolicyScope");
    }

    @Test
    void joiningAnExcludedGroupRefusesTheNextSignIn() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        String group = graph.post("groups", admin, "{\"displayName\":\"Joined later\",\"securityEnabled\":true}").json().get("id").asText();
        policy("\"excludeTargets\":[{\"id\":\"" + group + "\",\"targetType\":\"group\"}]");
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);

        assertThat(graph.post("groups/" + group + "/members/$ref", admin, ITSupport.ref(userId)).status()).isEqualTo(204);

        assertRefused(browser().signIn(key, null), 403, "userNotInPasskeyPolicyScope");
    }

    @Test
    void attestationEnforcementRefusesNoneButKeepsEarlierPasskeysSigningIn() {
        NoneAttestationAuthenticator earlier = new NoneAttestationAuthenticator();
        provision(earlier);
        policy("\"isAttestationEnforced\":true");

        Graph.Reply none = graph.post(passkeys(), admin, Provisioning.body(
                Provisioning.create(new NoneAttestationAuthenticator(), PasskeyProvisioningIT.ORIGIN, creationOptions()), "None"));
        assertRefused(none, 400, "attestationRequired");
        assertThat(browser().signIn(earlier, null).status()).isEqualTo(200);
    }

    @Test
    void attestationEnforcementAcceptsAPackedKeyWhoseAttestationKeyTheMetadataTrusts() {
        UUID aaguid = UUID.randomUUID();
        CustomAaguidAuthenticator key = new CustomAaguidAuthenticator(aaguid);
        policy("\"isAttestationEnforced\":true");
        Graph.Reply untrusted = graph.post(passkeys(), admin, Provisioning.body(
                Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, creationOptions()), "Untrusted"));
        assertRefused(untrusted, 400, "attestationNotTrusted");

        Graph.Reply defined = graph.call("POST", graph.root().resolve("graph/beta/keyward/metadata/statements").toString(), admin,
                "{\"aaGuid\":\"" + aaguid + "\",\"description\":\"Test Key Model\",\"trustedAttestationPublicKeys\":[\""
                        + Base64.getEncoder().encodeToString(key.attestationPublicKey().getEncoded()) + "\"]}");
        assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
        JsonNode trusted = provision(key);

        assertThat(trusted.get("attestationLevel").asText()).isEqualTo("attested");
        assertThat(trusted.get("model").asText()).isEqualTo("Test Key Model");
        assertThat(trusted.get("aaGuid").asText()).isEqualTo(aaguid.toString());
        assertThat(graph.delete("keyward/metadata/statements/" + aaguid, admin).status()).isEqualTo(204);
    }

    @Test
    void selfServiceOffAlsoStopsAdminProvisioningAndSaysWhy() {
        policy("\"isSelfServiceRegistrationAllowed\":false");

        Graph.Reply reply = graph.get(passkeys() + "/creationOptions", admin);

        assertRefused(reply, 403, "selfServiceRegistrationDisabled");
        assertThat(reply.json().path("error").path("message").asText()).containsIgnoringCase("self-service");
    }

    @Test
    void guestsCannotGetPasskeys() {
        String guest = graph.post("invitations", admin, "{\"invitedUserEmailAddress\":\"g" + UUID.randomUUID().toString().substring(0, 8)
                + "@partner.example\",\"inviteRedirectUrl\":\"https://apps.example\"}").json().get("invitedUser").get("id").asText();

        assertRefused(graph.get("users/" + guest + "/authentication/fido2Methods/creationOptions", admin), 403, "guestUserNotSupported");
    }

    @Test
    void aRenamedUserKeepsSigningInWithTheSamePasskeyWhichIsFlagged() {
        PackedAuthenticator key = new PackedAuthenticator();
        String passkeyId = provision(key).get("id").asText();
        String newUpn = upn("renamed");
        assertThat(graph.patch("users/" + userId, admin, "{\"userPrincipalName\":\"" + newUpn + "\"}").status()).isEqualTo(204);
        Browser browser = browser();

        Graph.Reply reply = browser.signIn(key, null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("userPrincipalName").asText()).isEqualTo(newUpn);
        JsonNode passkey = browser.get("myaccount").json().get("passkeys").get(0);
        assertThat(passkey.get("isRegisteredUnderPreviousUserPrincipalName").asBoolean()).isTrue();
        assertThat(passkey.get("registeredUserPrincipalName").asText()).isEqualTo(userUpn);
        assertThat(graph.get(passkeys() + "/" + passkeyId, admin).json().get("isRegisteredUnderPreviousUserPrincipalName").asBoolean()).isTrue();
    }

    @Test
    void aDeletedPasskeyCannotSignInAgain() {
        PackedAuthenticator key = new PackedAuthenticator();
        String passkeyId = provision(key).get("id").asText();
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);

        graph.delete(passkeys() + "/" + passkeyId, admin);

        assertRefused(browser().signIn(key, null), 404, "credentialNotFound");
    }

    @Test
    void aDisabledAccountCannotSignIn() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        graph.patch("users/" + userId, admin, "{\"accountEnabled\":false}");

        assertRefused(browser().signIn(key, null), 403, "accountDisabled");
    }

    @Test
    void aCounterThatDoesNotIncreaseIsRefusedAndFlagsThePasskey() {
        PackedAuthenticator key = new PackedAuthenticator();
        String passkeyId = provision(key).get("id").asText();
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);
        key.setCountUpEnabled(false);

        Graph.Reply replayedCounter = browser().signIn(key, null);

        assertRefused(replayedCounter, 400, "signCountRegression");
        assertThat(graph.get(passkeys() + "/" + passkeyId, admin).json().get("suspectReason").asText()).isEqualTo("signCountRegression");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = browser();
        var assertion = browser.assertion(key, null);
        byte[] signature = assertion.getResponse().getSignature().clone();
        signature[signature.length - 1] ^= 0x01;

        Graph.Reply reply = browser.post("signin/passkey", Browser.assertionJson(assertion.getRawId(), assertion.getResponse().getClientDataJSON(),
                assertion.getResponse().getAuthenticatorData(), signature, assertion.getResponse().getUserHandle()).toString());

        assertRefused(reply, 400, "invalidAssertionResponse");
        assertThat(reply.json().path("error").path("message").asText()).contains("signature");
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefusedEvenWhenValidlySigned() throws Exception {
        assertFlagRefused((byte) 0x04, "user");
    }

    @Test
    void anAssertionWithoutUserPresenceIsRefusedEvenWhenValidlySigned() throws Exception {
        assertFlagRefused((byte) 0x01, "presence");
    }

    @Test
    void aReplayedAssertionIsRefused() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = browser();
        String assertion = Browser.assertionJson(browser.assertion(key, null)).toString();
        assertThat(browser.post("signin/passkey", assertion).status()).isEqualTo(200);

        assertRefused(browser.post("signin/passkey", assertion), 400, "challengeNotFound");
    }

    @Test
    void aRefusedAssertionBurnsItsChallenge() {
        // The challenge is used up even when the response fails: the valid assertion over it cannot follow the forged one.
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = browser();
        var assertion = browser.assertion(key, null);
        byte[] signature = assertion.getResponse().getSignature().clone();
        signature[signature.length - 1] ^= 0x01;
        assertRefused(browser.post("signin/passkey", Browser.assertionJson(assertion.getRawId(), assertion.getResponse().getClientDataJSON(),
                assertion.getResponse().getAuthenticatorData(), signature, assertion.getResponse().getUserHandle()).toString()), 400,
                "invalidAssertionResponse");

        Graph.Reply valid = browser.post("signin/passkey", Browser.assertionJson(assertion).toString());

        assertRefused(valid, 400, "challengeNotFound");
    }

    @Test
    void concurrentFinishesOfOneCeremonyLetExactlyOneThrough() throws Exception {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        String assertion = Browser.assertionJson(browser().assertion(key, null)).toString();
        // 100 clients, each at its own address (behind the ITs' trusted proxy), so that the race is on the challenge alone.
        int racers = 100;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Graph.Reply>>();
            for (int i = 0; i < racers; i++) {
                Browser racer = new Browser(graph.root(), "198.18.0." + (i + 1));
                results.add(pool.submit(() -> {
                    start.await();
                    return racer.post("signin/passkey", assertion);
                }));
            }
            start.countDown();
            int ok = 0;
            for (var result : results) {
                Graph.Reply reply = result.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (reply.status() == 200) {
                    ok++;
                } else {
                    assertRefused(reply, 400, "challengeNotFound");
                }
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedAssertionsAreClearRefusalsNeverServerErrors() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        var assertion = browser().assertion(key, null);
        byte[] id = assertion.getRawId();
        byte[] clientData = assertion.getResponse().getClientDataJSON();
        byte[] authData = assertion.getResponse().getAuthenticatorData();
        byte[] signature = assertion.getResponse().getSignature();
        byte[] handle = assertion.getResponse().getUserHandle();
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("truncated authenticatorData", Browser.assertionJson(id, clientData, java.util.Arrays.copyOf(authData, 20), signature, handle).toString());
        cases.put("clientDataJSON not JSON", Browser.assertionJson(id, "garbage".getBytes(), authData, signature, handle).toString());
        cases.put("clientDataJSON of type webauthn.create", Browser.assertionJson(id, new String(clientData).replace("webauthn.get", "webauthn.create")
                .getBytes(), authData, signature, handle).toString());
        cases.put("unknown credential id", Browser.assertionJson(new byte[]{1, 2, 3}, clientData, authData, signature, handle).toString());
        cases.put("missing signature", "{\"id\":\"" + Provisioning.b64(id) + "\",\"response\":{\"clientDataJSON\":\"" + Provisioning.b64(clientData) + "\"}}");
        cases.put("not an object", "[1,2,3]");
        cases.put("not base64", "{\"id\":\"***\",\"response\":{\"clientDataJSON\":\"***\",\"authenticatorData\":\"***\",\"signature\":\"***\"}}");
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        cases.forEach((name, body) -> {
            Graph.Reply reply = browser().post("signin/passkey", body);
            soft.assertThat(reply.status()).as(name + ": " + reply).isBetween(400, 499);
            soft.assertThat(reply.errorCode()).as(name + ": " + reply).isNotBlank();
        });
        soft.assertAll();
    }

    @Test
    void temporaryAccessPassLetsTheUserRegisterTheirFirstPasskeyInSecurityInfo() {
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60,\"isUsableOnce\":true}").json().get("temporaryAccessPass").asText();
        Browser browser = browser();
        assertThat(browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn + "\",\"temporaryAccessPass\":\"" + pass + "\"}")
                .status()).isEqualTo(200);

        JsonNode options = browser.post("myaccount/passkeys/options", "{}").json();
        PackedAuthenticator key = new PackedAuthenticator();
        var credential = Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, options);
        Graph.Reply registered = browser.post("myaccount/passkeys", "{\"displayName\":\"My key\",\"credential\":"
                + Provisioning.body(credential, null).replaceFirst("^\\{\"publicKeyCredential\":", "").replaceFirst("}$", "") + "}");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(browser().signIn(key, null).status()).isEqualTo(200);
        Graph.Reply reused = browser().post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn + "\",\"temporaryAccessPass\":\"" + pass + "\"}");
        assertRefused(reused, 401, "unauthenticated");
    }

    @Test
    void repeatedWrongPassesThrottleTheAccountEvenForTheRightPass() {
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60}").json().get("temporaryAccessPass").asText();
        Browser browser = browser();
        for (int i = 0; i < 10; i++) {
            assertRefused(browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn
                    + "\",\"temporaryAccessPass\":\"wrong-" + i + "\"}"), 401, "unauthenticated");
        }

        Graph.Reply throttled = browser.post("signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn
                + "\",\"temporaryAccessPass\":\"" + pass + "\"}");

        assertRefused(throttled, 429, "tooManyRequests");
        assertThat(throttled.header("Retry-After")).isEqualTo("900");
        assertThat(latestSignIn(" and status/errorCode ne 0").get("status").get("additionalDetails").asText()).isEqualTo("tooManyRequests");
    }

    private void assertFlagRefused(byte clearedFlag, String words) throws Exception {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = browser();
        var assertion = browser.assertion(key, null);
        byte[] authData = assertion.getResponse().getAuthenticatorData().clone();
        authData[32] &= (byte) ~clearedFlag;
        byte[] clientDataHash = MessageDigest.getInstance("SHA-256").digest(assertion.getResponse().getClientDataJSON());
        byte[] signed = ByteBuffer.allocate(authData.length + clientDataHash.length).put(authData).put(clientDataHash).array();
        var source = key.lookup(assertion.getRawId());
        byte[] signature = TestDataUtil.calculateSignature(source.getPrivateKey(), signed);

        Graph.Reply reply = browser.post("signin/passkey", Browser.assertionJson(assertion.getRawId(), assertion.getResponse().getClientDataJSON(),
                authData, signature, assertion.getResponse().getUserHandle()).toString());

        assertRefused(reply, 400, "invalidAssertionResponse");
        assertThat(reply.json().path("error").path("message").asText()).containsIgnoringCase(words);
    }

    private JsonNode provision(WebAuthnModelAuthenticator key) {
        Graph.Reply created = graph.post(passkeys(), admin, Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, creationOptions()), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private JsonNode creationOptions() {
        return creationOptionsFor(userId);
    }


    private JsonNode latestSignIn() {
        return latestSignIn("");
    }

    /** The newest matching sign-in log entry: the log lists newest first. */
    private JsonNode latestSignIn(String andFilter) {
        JsonNode value = usersSignIns(andFilter);
        assertThat(value).as("a sign-in log entry for " + userId).isNotEmpty();
        return value.get(0);
    }

    /** The newest page (one entry) of the user's sign-in log entries that match. */
    private JsonNode usersSignIns(String andFilter) {
        Graph.Reply reply = graph.get(("auditLogs/signIns?$top=1&$filter=userId eq '" + userId + "'" + andFilter).replace(" ", "%20").replace("'", "%27"), admin);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("value");
    }

    private Browser browser() {
        return new Browser(graph.root());
    }

    private String passkeys() {
        return "users/" + userId + "/authentication/fido2Methods";
    }

    private static void assertRefused(Graph.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(code);
    }
}
