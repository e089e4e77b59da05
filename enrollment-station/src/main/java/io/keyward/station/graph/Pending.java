package io.keyward.station.graph;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A Graph answer asked for now and read later, so the station talks to the key while Keyward answers. {@link #get}
 * waits and gives the answer, or the refusal or unavailability a blocking call would have thrown.
 */
public final class Pending<T> {

    private final CompletableFuture<T> answer;

    Pending(CompletableFuture<T> answer) {
        this.answer = answer;
    }

    <U> Pending<U> map(Function<T, U> reading) {
        return new Pending<>(answer.thenApply(reading));
    }

    public T get() throws GraphRefusal, KeywardUnavailableException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new KeywardUnavailableException("interrupted while waiting for Keyward", e);
        } catch (ExecutionException | CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof GraphRefusal refusal) {
                throw refusal;
            }
            if (cause instanceof KeywardUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new KeywardUnavailableException("Keyward's answer could not be read: " + cause, cause);
        }
    }
}
