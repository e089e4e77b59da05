package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in findings of the security review, each as the attacker would try it: guessing races, a one-time pass
 * redeemed twice, cross-site login and logout, a typed name not bound to the passkey, enumeration through options,
 * oversized credential ids, a flagged clone that moves its counter ahead, and account state told before the signature.
 */
class SignInHardeningIT extends GraphIT {

    String userId;
    String userUpn;

    @BeforeEach
    void arrange() {
        userUpn = upn("hardened");
        userId = graph.post("users", admin, "{\"userPrincipalName\":\"" + userUpn + "\",\"displayName\":\"Hardened\","
                + "\"passwordProfile\":{\"password\":\"Correct-Horse-9-Battery\",\"forceChangePasswordNextSignIn\":false}}").json().get("id").asText();
    }

    @Test
    void fortyParallelWrongPasswordsGetExactlyTenChecks() throws Exception {
        List<Graph.Reply> replies = race(40, i -> () -> new Browser(graph.root()).post("signin/password",
                "{\"userPrincipalName\":\"" + userUpn + "\",\"password\":\"wrong-" + i + "\"}"));

        Map<Integer, Long> byStatus = replies.stream().collect(Collectors.groupingBy(Graph.Reply::status, Collectors.counting()));
        assertThat(byStatus).as(byStatus.toString()).containsEntry(401, 10L).containsEntry(429, 30L);
        assertThat(replies.stream().filter(r -> r.status() == 429).allMatch(r -> "tooManyRequests".equals(r.errorCode()))).isTrue();
    }

    @Test
    void aOneTimePassLetsExactlyOneOfParallelSignInsThrough() throws Exception {
        for (int round = 0; round < 6; round++) {
            // A user per round: the losers' attempts count as failures, and ten would throttle one account.
            String roundUpn = upn("once");
            String roundUser = graph.post("users", admin, userJson(roundUpn, "Once")).json().get("id").asText();
            String pass = graph.post("users/" + roundUser + "/authentication/temporaryAccessPassMethods", admin,
                    "{\"lifetimeInMinutes\":60,\"isUsableOnce\":true}").json().get("temporaryAccessPass").asText();

            List<Graph.Reply> replies = race(6, i -> () -> new Browser(graph.root()).post("signin/temporary-access-pass",
                    "{\"userPrincipalName\":\"" + roundUpn + "\",\"temporaryAccessPass\":\"" + pass + "\"}"));

            assertThat(replies.stream().filter(r -> r.status() == 200).count()).as("round " + round + ": " + replies).isEqualTo(1);
            assertThat(replies.stream().filter(r -> r.status() != 200).allMatch(r -> "unauthenticated".equals(r.errorCode()))).isTrue();
        }
    }

    @Test
    void guessesFromAnotherAddressDoNotLockThePersonOut() throws Exception {
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60}").json().get("temporaryAccessPass").asText();
        for (int i = 0; i < 12; i++) {
            fromAddress("127.0.0.2", "signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn + "\",\"temporaryAccessPass\":\"nope-" + i + "\"}");
        }
        int attackerNow = fromAddress("127.0.0.2", "signin/temporary-access-pass", "{\"userPrincipalName\":\"" + userUpn
                + "\",\"temporaryAccessPass\":\"" + pass + "\"}");

        Graph.Reply owner = new Browser(graph.root()).post("signin/temporary-access-pass",
                "{\"userPrincipalName\":\"" + userUpn + "\",\"temporaryAccessPass\":\"" + pass + "\"}");

        assertThat(attackerNow).as("the guessing address is throttled").isEqualTo(429);
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }

    @Test
    void unknownNamesAreThrottledLikeRealOnesSoA429RevealsNothing() {
        String nobody = upn("nobody");
        Browser browser = new Browser(graph.root());
        for (int i = 0; i < 10; i++) {
            assertThat(browser.post("signin/password", "{\"userPrincipalName\":\"" + nobody + "\",\"password\":\"x" + i + "\"}").errorCode())
                    .isEqualTo("unauthenticated");
        }

        Graph.Reply eleventh = browser.post("signin/password", "{\"userPrincipalName\":\"" + nobody + "\",\"password\":\"y\"}");

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.errorCode()).isEqualTo("tooManyRequests");
    }

    @Test
    void aCrossSiteFormCannotSignAVictimInOrOut() {
        String pass = graph.post("users/" + userId + "/authentication/temporaryAccessPassMethods", admin,
                "{\"lifetimeInMinutes\":60}").json().get("temporaryAccessPass").asText();
        String login = "{\"userPrincipalName\":\"" + userUpn + "\",\"temporaryAccessPass\":\"" + pass + "\"}";
        Browser browser = new Browser(graph.root());

        Graph.Reply textPlainFromElsewhere = browser.post("signin/temporary-access-pass", login, "text/plain", "https://attacker.example");
        Graph.Reply jsonFromElsewhere = browser.post("signin/temporary-access-pass", login, "application/json", "https://attacker.example");
        Graph.Reply noOrigin = browser.post("signin/temporary-access-pass", login, "application/json", null);
        Graph.Reply textPlainSameOrigin = browser.post("signin/temporary-access-pass", login, "text/plain", browser.origin());
        Graph.Reply logoutFromElsewhere = browser.post("signin/signout", "", "application/x-www-form-urlencoded", "https://attacker.example");

        for (Graph.Reply refused : List.of(textPlainFromElsewhere, jsonFromElsewhere, noOrigin, logoutFromElsewhere)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("crossSiteRequestRefused");
            assertThat(refused.raw().headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(textPlainSameOrigin.status()).isEqualTo(415);
        assertThat(textPlainSameOrigin.errorCode()).isEqualTo("unsupportedMediaType");
        assertThat(browser.post("signin/temporary-access-pass", login).status()).as("the page itself still signs in").isEqualTo(200);
    }

    @Test
    void secFetchSiteSameOriginStandsInForAMissingOrigin() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(graph.root().resolve("signin/passkey/options"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
        var crossSite = java.net.http.HttpRequest.newBuilder(graph.root().resolve("signin/passkey/options"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));

        assertThat(Graph.send(request).status()).isEqualTo(200);
        assertThat(Graph.send(crossSite).status()).isEqualTo(403);
    }

    @Test
    void aTypedNameIsBoundToTheCeremonySoAnotherPersonsPasskeyIsRefused() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        String someoneElse = upn("someone");
        graph.post("users", admin, userJson(someoneElse, "Someone Else"));

        Graph.Reply unknownName = new Browser(graph.root()).signIn(key, upn("no-such-person"));
        Graph.Reply otherName = new Browser(graph.root()).signIn(key, someoneElse);
        Graph.Reply ownName = new Browser(graph.root()).signIn(key, userUpn);

        for (Graph.Reply refused : List.of(unknownName, otherName)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.errorCode()).isEqualTo("credentialNotFound");
            assertThat(refused.json().path("error").path("message").asText()).isEqualTo("This passkey does not belong to the account you named.");
        }
        assertThat(ownName.status()).as(ownName.toString()).isEqualTo(200);
    }

    @Test
    void optionsLookTheSameForRealAndUnknownNames() {
        provision(new PackedAuthenticator());
        Browser browser = new Browser(graph.root());

        JsonNode real = browser.post("signin/passkey/options", "{\"userPrincipalName\":\"" + userUpn + "\"}").json();
        JsonNode unknown = browser.post("signin/passkey/options", "{\"userPrincipalName\":\"" + upn("ghost") + "\"}").json();

        assertThat(real.get("publicKey").get("allowCredentials")).isEmpty();
        assertThat(unknown.get("publicKey").get("allowCredentials")).isEmpty();
        assertThat(fieldNames(real)).isEqualTo(fieldNames(unknown));
        assertThat(fieldNames(real.get("publicKey"))).isEqualTo(fieldNames(unknown.get("publicKey")));
    }

    @Test
    void anOversizedCredentialIdIsRefusedAndStillLogged() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = new Browser(graph.root());
        var assertion = browser.assertion(key, null);
        byte[] longId = new byte[1100];
        new java.util.Random(7).nextBytes(longId);
        String marker = Provisioning.b64(longId).substring(0, 40);

        Graph.Reply reply = browser.post("signin/passkey", Browser.assertionJson(longId, assertion.getResponse().getClientDataJSON(),
                assertion.getResponse().getAuthenticatorData(), assertion.getResponse().getSignature(), assertion.getResponse().getUserHandle()).toString());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalidAssertionResponse");
        assertThat(reply.json().path("error").path("message").asText()).contains("1023 bytes");
        JsonNode entry = graph.get("auditLogs/signIns?$top=5&$filter=status/additionalDetails%20eq%20%27invalidAssertionResponse%27", admin)
                .json().get("value");
        assertThat(entry.toString()).contains(marker);
    }

    @Test
    void aPasskeyFlaggedAsACloneStaysRefusedUntilAnAdminClearsTheFlag() {
        PackedAuthenticator key = new PackedAuthenticator();
        String passkeyId = provision(key).get("id").asText();
        assertThat(new Browser(graph.root()).signIn(key, null).status()).isEqualTo(200);
        key.setCountUpEnabled(false);
        assertThat(new Browser(graph.root()).signIn(key, null).errorCode()).isEqualTo("signCountRegression");
        key.setCountUpEnabled(true);

        Graph.Reply aheadAgain = new Browser(graph.root()).signIn(key, null);
        Graph.Reply cleared = graph.post(passkeys() + "/" + passkeyId + "/clearCloneFlag", admin, "");
        Graph.Reply afterClearing = new Browser(graph.root()).signIn(key, null);
        Graph.Reply clearedTwice = graph.post(passkeys() + "/" + passkeyId + "/clearCloneFlag", admin, "");

        assertThat(aheadAgain.status()).as(aheadAgain.toString()).isEqualTo(403);
        assertThat(aheadAgain.errorCode()).isEqualTo("passkeyFlaggedAsPossibleClone");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("suspectReason").isNull()).isTrue();
        assertThat(afterClearing.status()).as(afterClearing.toString()).isEqualTo(200);
        assertThat(clearedTwice.status()).isEqualTo(400);
    }

    @Test
    void aDisabledAccountIsNotToldToSomeoneWhoCannotSignForItsPasskey() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        graph.patch("users/" + userId, admin, "{\"accountEnabled\":false}");
        Browser browser = new Browser(graph.root());
        var assertion = browser.assertion(key, null);
        byte[] signature = assertion.getResponse().getSignature().clone();
        signature[signature.length - 1] ^= 0x01;

        Graph.Reply forged = browser.post("signin/passkey", Browser.assertionJson(assertion.getRawId(), assertion.getResponse().getClientDataJSON(),
                assertion.getResponse().getAuthenticatorData(), signature, assertion.getResponse().getUserHandle()).toString());
        Graph.Reply owner = new Browser(graph.root()).signIn(key, null);

        assertThat(forged.errorCode()).as(forged.toString()).isEqualTo("invalidAssertionResponse");
        assertThat(owner.errorCode()).as(owner.toString()).isEqualTo("accountDisabled");
    }

    @Test
    void optionsForAnyoneCostNoDatabaseRow() {
        Browser browser = new Browser(graph.root());
        long before = TestDirectory.count("select count(*) from webauthn_challenge");
        for (int i = 0; i < 25; i++) {
            assertThat(browser.post("signin/passkey/options", i % 2 == 0 ? "{}" : "{\"userPrincipalName\":\"" + userUpn + "\"}").status())
                    .isEqualTo(200);
        }

        assertThat(TestDirectory.count("select count(*) from webauthn_challenge")).isEqualTo(before);
    }

    @Test
    void aChallengeWhoseExpiryOrBindingWasAlteredIsRefused() {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = new Browser(graph.root());
        // Byte 20 is inside the expiry, byte 30 inside the bound account: the tag no longer matches either.
        for (int position : new int[]{20, 30}) {
            var forged = browser.assertion(key, userUpn, challenge -> {
                byte[] changed = challenge.clone();
                changed[position] ^= 0x01;
                return changed;
            });

            Graph.Reply reply = browser.post("signin/passkey", Browser.assertionJson(forged).toString());

            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("challengeNotFound");
        }
    }

    @Test
    void aUsedChallengeCannotBeFreedByPresentingItsMark() throws Exception {
        PackedAuthenticator key = new PackedAuthenticator();
        provision(key);
        Browser browser = new Browser(graph.root());
        var assertion = browser.assertion(key, null);
        String body = Browser.assertionJson(assertion).toString();
        assertThat(browser.post("signin/passkey", body).status()).isEqualTo(200);
        byte[] challenge = Graph.JSON.readTree(assertion.getResponse().getClientDataJSON()).get("challenge").asText().getBytes(StandardCharsets.US_ASCII);
        byte[] mark = java.security.MessageDigest.getInstance("SHA-256").digest(challenge);

        Graph.Reply markAsChallenge = browser.post("signin/passkey", Browser.assertionJson(browser.assertion(key, null, c -> mark)).toString());
        Graph.Reply replay = browser.post("signin/passkey", body);

        assertThat(markAsChallenge.errorCode()).isEqualTo("challengeNotFound");
        assertThat(replay.errorCode()).isEqualTo("challengeNotFound");
    }

    private JsonNode provision(WebAuthnModelAuthenticator key) {
        JsonNode options = graph.get(passkeys() + "/creationOptions", admin).json();
        Graph.Reply created = graph.post(passkeys(), admin, Provisioning.body(Provisioning.create(key, PasskeyProvisioningIT.ORIGIN, options), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private String passkeys() {
        return "users/" + userId + "/authentication/fido2Methods";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Starts {@code count} calls at the same moment and returns their answers. */
    private static List<Graph.Reply> race(int count, Function<Integer, Callable<Graph.Reply>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Graph.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<Graph.Reply> task = call.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Graph.Reply> replies = new ArrayList<>();
            for (Future<Graph.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A same-origin JSON POST from another loopback address (the whole of 127/8 reaches the server), for what one
     * client address must not do to another; java.net.http cannot choose its source address. Returns the status.
     */
    private int fromAddress(String sourceAddress, String path, String json) throws IOException {
        var target = graph.root().resolve(path);
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String origin = new Browser(graph.root()).origin();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                    + "\r\nOrigin: " + origin + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String statusLine = response.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
