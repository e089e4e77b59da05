package io.keyward.server.it;

import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * What {@link DatabaseOutageIT} runs while it cuts the database: passkey sign-ins (options and finish, each client a
 * browser at an address of its own), Graph passkey provisioning (creationOptions, then POST fido2Methods), passkey
 * policy PATCHes and browsers sent to sign in by an app (the authorization request, a plain page). Every reply is
 * either what the request asked for or a clean refusal — 503 with {@code Retry-After: 5} and
 * {@code serviceUnavailable} in the caller's shape — and anything else is collected in {@link #unclean}.
 */
final class MixedLoad {

    /** A sign-in client: its passkey (an emulator is not thread-safe: one thread each) and the counters it presented. */
    record Signer(String userId, PackedAuthenticator key, Browser browser, AtomicLong highestPresented, AtomicLong highestSucceeded,
                  LongAdder succeeded, LongAdder refused) {
    }

    /** A user passkeys are provisioned for, and the ids of those Graph answered 201 for. */
    record Registrant(String userId, Queue<String> created) {
    }

    /** Replies by request and status, e.g. {@code "signIn 503"}. */
    final Map<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();
    /** Replies that were neither the expected success nor a clean refusal. */
    final Queue<String> unclean = new ConcurrentLinkedQueue<>();
    /** PATCHes of the passkey policy sent. */
    final LongAdder policyChanges = new LongAdder();
    /** Registrations (POST fido2Methods) sent. */
    final LongAdder registrations = new LongAdder();
    final List<Signer> signers = new ArrayList<>();
    final List<Registrant> registrants = new ArrayList<>();
    /** The display names of passkeys this load provisions start with this. */
    final String namePrefix = "Cut " + UUID.randomUUID().toString().substring(0, 8) + " #";

    private final Graph graph;
    private final String admin;
    private final String tenant;
    private final AtomicLong names = new AtomicLong();

    private MixedLoad(Graph graph, String admin, String tenant) {
        this.graph = graph;
        this.admin = admin;
        this.tenant = tenant;
    }

    /** Users for {@code signers} sign-in clients (a passkey each, provisioned by {@code test}) and {@code registrants}. */
    static MixedLoad arrange(GraphIT test, int signers, int registrants) {
        MixedLoad load = new MixedLoad(test.graph, test.admin, TestDirectory.tenantId());
        for (int i = 0; i < signers; i++) {
            String userId = load.user("cut-signer-" + i);
            PackedAuthenticator key = new PackedAuthenticator();
            test.provision(userId, key);
            load.signers.add(new Signer(userId, key, new Browser(test.graph.root(), "198.20.0." + (i + 1)), new AtomicLong(),
                    new AtomicLong(), new LongAdder(), new LongAdder()));
        }
        for (int i = 0; i < registrants; i++) {
            load.registrants.add(new Registrant(load.user("cut-registrant-" + i), new ConcurrentLinkedQueue<>()));
        }
        return load;
    }

    /** One worker per sign-in client and registrant, one changing the policy, one navigating; each runs until {@code deadline}. */
    List<Callable<Void>> workers(long deadline) {
        List<Callable<Void>> workers = new ArrayList<>();
        signers.forEach(signer -> workers.add(() -> signIns(signer, deadline)));
        registrants.forEach(registrant -> workers.add(() -> registrations(registrant, deadline)));
        workers.add(() -> policyChanges(deadline));
        workers.add(() -> authorizationPages(deadline));
        return workers;
    }

    private Void signIns(Signer signer, long deadline) {
        while (System.nanoTime() < deadline) {
            Graph.Reply options = signer.browser().options(null);
            if (!record("signInOptions", options, status -> status == 200, MixedLoad::cleanJson)) {
                continue;
            }
            var assertion = signer.browser().answer(signer.key(), options.json(), challenge -> challenge);
            long presented = Browser.signCount(assertion.getResponse().getAuthenticatorData());
            signer.highestPresented().accumulateAndGet(presented, Math::max);
            if (record("signIn", signer.browser().post("signin/passkey", Browser.assertionJson(assertion).toString()),
                    status -> status == 200, MixedLoad::cleanJson)) {
                signer.highestSucceeded().accumulateAndGet(presented, Math::max);
                signer.succeeded().increment();
            } else {
                signer.refused().increment();
            }
        }
        return null;
    }

    private Void registrations(Registrant registrant, long deadline) {
        String path = "users/" + registrant.userId() + "/authentication/fido2Methods";
        while (System.nanoTime() < deadline) {
            Graph.Reply options = graph.get(path + "/creationOptions", admin);
            if (!record("creationOptions", options, status -> status == 200, MixedLoad::cleanJson)) {
                continue;
            }
            String body = Provisioning.body(Provisioning.create(new PackedAuthenticator(), PasskeyProvisioningIT.ORIGIN, options.json()),
                    namePrefix + names.incrementAndGet() + " key");
            registrations.increment();
            Graph.Reply created = graph.post(path, admin, body);
            if (record("registration", created, status -> status == 201, MixedLoad::cleanJson)) {
                registrant.created().add(created.json().get("id").asText());
            }
        }
        return null;
    }

    /** Each PATCH is a change (a new AAGUID in key restrictions that are not enforced, so that nothing else is affected). */
    private Void policyChanges(long deadline) {
        while (System.nanoTime() < deadline) {
            policyChanges.increment();
            record("policyChange", graph.patch(GraphIT.FIDO2, admin, "{\"@odata.type\":\"#microsoft.graph.fido2AuthenticationMethodConfiguration\","
                    + "\"keyRestrictions\":{\"isEnforced\":false,\"enforcementType\":\"block\",\"aaGuids\":[\"" + UUID.randomUUID() + "\"]}}"),
                    status -> status == 204, MixedLoad::cleanJson);
            pause(50);
        }
        return null;
    }

    /** An app's authorization request for an unknown app: a page saying so, or the outage page. */
    private Void authorizationPages(long deadline) {
        while (System.nanoTime() < deadline) {
            record("authorizePage", new Browser(graph.root()).navigate(DatabaseOutageIT.authorizationOfAnUnknownApp(tenant)),
                    status -> status < 500, MixedLoad::cleanPage);
            pause(50);
        }
        return null;
    }

    /**
     * Counts the reply; true when it is the success the request asked for. A clean refusal is counted and followed by
     * a short pause (a client would wait Retry-After; this one only keeps from spinning); anything else is unclean.
     */
    private boolean record(String request, Graph.Reply reply, IntPredicate success, Predicate<Graph.Reply> cleanRefusal) {
        outcomes.computeIfAbsent(request + " " + reply.status(), k -> new LongAdder()).increment();
        if (success.test(reply.status())) {
            return true;
        }
        if (!cleanRefusal.test(reply)) {
            unclean.add(request + ": " + reply.status() + " " + reply.raw().headers().map() + " " + reply.body());
        }
        pause(100);
        return false;
    }

    /** The Graph error envelope or the pages' JSON error, both {@code {"error":{"code":"serviceUnavailable",…}}}. */
    static boolean cleanJson(Graph.Reply reply) {
        return reply.status() == 503 && "5".equals(reply.header("Retry-After"))
                && String.valueOf(reply.header("Content-Type")).startsWith("application/json")
                && "serviceUnavailable".equals(reply.errorCode());
    }

    /** The plain page a browser is shown while the database is away. */
    static boolean cleanPage(Graph.Reply reply) {
        return reply.status() == 503 && "5".equals(reply.header("Retry-After"))
                && String.valueOf(reply.header("Content-Type")).startsWith("text/html")
                && reply.body().contains("Sign-in is unavailable for a moment");
    }

    long count(String outcome) {
        LongAdder counted = outcomes.get(outcome);
        return counted == null ? 0 : counted.sum();
    }

    private String user(String alias) {
        Graph.Reply created = graph.post("users", admin, ITSupport.userJson(ITSupport.upn(alias), alias));
        if (created.status() != 201) {
            throw new AssertionError("Cannot create " + alias + ": " + created);
        }
        return created.json().get("id").asText();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
