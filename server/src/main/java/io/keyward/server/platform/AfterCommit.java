package io.keyward.server.platform;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must happen only once the current transaction has committed (a counter, a cache's invalidation). */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} when the active transaction commits; never if it rolls back. Needs an active transaction. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
