package io.keyward.server.it;

import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;

import static io.keyward.server.it.ITSupport.upn;
import static io.keyward.server.it.ITSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address flood limit of the unauthenticated sign-in requests (defaults: a burst of 300, 300 back a minute):
 * one address that floods gets 429 {@code tooManyRequests} with {@code Retry-After}; other addresses, and a real
 * sign-in from the flooded one once it has waited, get through. Client addresses are those the ITs' trusted proxy
 * (127.0.0.1) forwards for, so each test floods an address of its own.
 */
class SignInFloodIT extends GraphIT {

    static final int BURST = 300;

    PackedAuthenticator key;

    @BeforeEach
    void aUserWithAPasskey() {
        String userId = graph.post("users", admin, userJson(upn("flooded"), "Flooded")).json().get("id").asText();
        key = new PackedAuthenticator();
        provision(userId, key);
    }

    @Test
    void aFloodOfOptionsFromOneAddressIsRefusedWithRetryAfterWhileOtherAddressesSignIn() throws Exception {
        String flooder = address();
        Browser flooding = new Browser(graph.root(), flooder);
        ServerLog log = ServerLog.mark();
        int admitted = 0;
        Graph.Reply refused = null;
        for (int i = 0; i < BURST * 2 && refused == null; i++) {
            Graph.Reply reply = flooding.post("signin/passkey/options", "{}");
            if (reply.status() == 200) {
                admitted++;
            } else {
                refused = reply;
            }
        }

        assertThat(refused).as("a refusal within twice the burst").isNotNull();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("tooManyRequests");
        assertThat(refused.json().path("error").path("message").asText()).contains("Too many sign-in requests from your network address");
        assertThat(admitted).as("the burst, and what came back while it was spent").isBetween(BURST, BURST + 60);
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(log.lines()).as("the refusal in the server log, with its reason code, status and words").anySatisfy(line -> assertThat(line)
                .contains("Sign-in requests from " + flooder + " refused: tooManyRequests (429)")
                .contains("Too many sign-in requests from your network address. Wait"));
        // (Finishes are limited too: failedFinishesCountTooAndAreRefusedBeforeTheyCostAnything.)

        assertThat(new Browser(graph.root(), address()).post("signin/passkey/options", "{}").status()).as("another address").isEqualTo(200);
        assertThat(new Browser(graph.root(), address()).signIn(key, null).status()).as("a sign-in from another address").isEqualTo(200);

        Thread.sleep(retryAfter * 2_000L);
        assertThat(new Browser(graph.root(), flooder).signIn(key, null).status()).as("the flooded address, after Retry-After").isEqualTo(200);
    }

    @Test
    void failedFinishesCountTooAndAreRefusedBeforeTheyCostAnything() {
        Browser flooding = new Browser(graph.root(), address());
        String garbage = "{\"id\":\"AAAA\",\"response\":{\"clientDataJSON\":\"AAAA\",\"authenticatorData\":\"AAAA\",\"signature\":\"AAAA\"}}";
        int refusedAsInvalid = 0;
        Graph.Reply last = null;
        for (int i = 0; i < BURST * 2; i++) {
            last = flooding.post("signin/passkey", garbage);
            if (last.status() == 429) {
                break;
            }
            assertThat(last.errorCode()).as(last.toString()).isEqualTo("invalidAssertionResponse");
            refusedAsInvalid++;
        }

        assertThat(last.status()).as(last.toString()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotBlank();
        assertThat(refusedAsInvalid).isBetween(BURST, BURST + 60);
    }

    /** An address from TEST-NET-2 of its own, so that tests and runs against one server never share a bucket. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }
}
