package io.keyward.server.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A token bucket per client address (Bucket4j), kept in memory on this node (Caffeine, bounded, idle buckets
 * dropped): each request takes a token, {@code burst} tokens at most, {@code perMinute} coming back each minute.
 * A request finds the bucket empty only after a burst larger than any person makes; what a legitimate sign-in took it
 * gives back ({@link #refund}), so people who sign in successfully never drain their address's bucket, even many
 * behind one NAT address.
 */
final class FloodGate {

    /** An address whose bucket is empty, and how long until it holds a token again. */
    record Refusal(Duration retryAfter, boolean firstOfEpisode) {
    }

    private record Entry(Bucket bucket, AtomicBoolean refusing) {
    }

    private final Cache<String, Entry> buckets;
    private final int burst;
    private final int perMinute;
    private final TimeMeter time;

    FloodGate(int burst, int perMinute, TimeMeter time) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("keyward.signin.flood.burst and keyward.signin.flood.per-minute must be at least 1");
        }
        this.burst = burst;
        this.perMinute = perMinute;
        this.time = time;
        // An idle bucket refills completely in burst/perMinute minutes; one not touched for longer is as good as new.
        long idleMinutes = Math.max(1, (long) Math.ceil((double) burst / perMinute));
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(idleMinutes)).build();
    }

    /** Takes a token for a request from {@code address}; the refusal when its bucket is empty. */
    Optional<Refusal> admit(String address) {
        Entry entry = buckets.get(key(address), k -> new Entry(newBucket(), new AtomicBoolean()));
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            entry.refusing().set(false);
            return Optional.empty();
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Optional.of(new Refusal(Duration.ofSeconds(seconds), entry.refusing().compareAndSet(false, true)));
    }

    /** Gives {@code tokens} back to {@code address}'s bucket (never above the burst): a sign-in succeeded. */
    void refund(String address, int tokens) {
        Entry entry = buckets.getIfPresent(key(address));
        if (entry != null) {
            entry.bucket().addTokens(tokens);
        }
    }

    /** Tokens left for {@code address} (a full bucket for an address not seen). */
    long available(String address) {
        Entry entry = buckets.getIfPresent(key(address));
        return entry == null ? burst : entry.bucket().getAvailableTokens();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }
}
