package io.keyward.server.web;

import io.github.bucket4j.TimeMeter;
import io.keyward.server.operations.CeremonyMetrics;
import io.keyward.server.platform.KeywardConfig;
import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Rate limits the unauthenticated sign-in requests (passkey options and every sign-in finish) per client address
 * ({@link PublicOrigins#clientAddress}: a trusted proxy's word, else the connection's), so that one address cannot
 * flood the ceremonies: past the burst ({@code keyward.signin.flood.burst}, 300) an address gets
 * {@code 429 tooManyRequests} with {@code Retry-After} until its bucket refills ({@code keyward.signin.flood.per-minute},
 * 300 a minute). A successful sign-in gives back what it took (its options and its finish), so legitimate sign-ins
 * never count against anyone; only abandoned or failed ceremonies do. Other addresses are unaffected. Per node, in
 * memory: behind a load balancer each node counts its own share.
 *
 * <p>The per-account guessing throttle of passwords and Temporary Access Passes ({@code access.GuessingThrottle})
 * is separate and still applies.
 */
@ApplicationScoped
public class SignInFlood {

    private static final System.Logger LOG = System.getLogger(SignInFlood.class.getName());

    /** A request refused because its address is flooding; says when to try again. */
    public static final class Flooded extends Refused {

        private final Duration retryAfter;

        Flooded(Duration retryAfter) {
            super(ReasonCode.TOO_MANY_REQUESTS, "Too many sign-in requests from your network address. Wait "
                    + retryAfter.toSeconds() + " second(s) and try again.");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    @Inject
    KeywardConfig config;

    @Inject
    CeremonyMetrics metrics;

    private FloodGate gate;

    @PostConstruct
    void configure() {
        gate = new FloodGate(config.signInFloodBurst(), config.signInFloodPerMinute(), TimeMeter.SYSTEM_NANOTIME);
    }

    /** Takes a token for a sign-in request to {@code endpoint} from {@code address}; throws {@link Flooded} when there is none. */
    public void admit(String address, String endpoint) {
        gate.admit(address).ifPresent(refusal -> {
            metrics.floodRefused(endpoint);
            Flooded flooded = new Flooded(refusal.retryAfter());
            if (refusal.firstOfEpisode()) {
                LOG.log(System.Logger.Level.WARNING, "Sign-in requests from {0} refused: {1} (429), Retry-After {2} s: {3} "
                                + "Further refusals of this address until it slows down are counted in keyward_signin_flood_refused_total only.",
                        address, ReasonCode.TOO_MANY_REQUESTS.code(), refusal.retryAfter().toSeconds(), flooded.getMessage());
            }
            throw flooded;
        });
    }

    /** A sign-in from {@code address} succeeded: it gives back the {@code requests} it took. */
    public void succeeded(String address, int requests) {
        gate.refund(address, requests);
    }
}
