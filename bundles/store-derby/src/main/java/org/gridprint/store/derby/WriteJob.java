package org.gridprint.store.derby;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.gridprint.api.Reading;
import org.gridprint.api.store.ReadingStore.StoreResult;

/** What the writer thread is asked to do, in queue order. */
sealed interface WriteJob {

    /** A batch to append; grouped with the appends waiting behind it into one commit. */
    record Append(String source, List<Reading> readings, CompletableFuture<StoreResult> result) implements WriteJob {
    }

    /** Other write work (meters, emission records): one transaction of its own on the writer's connection. */
    record Task<T>(String what, Work<T> work, CompletableFuture<T> result) implements WriteJob {
    }

    /** The flusher failed on {@code session}: recover it, if it is still the current one. */
    record Recover(Session session, Exception cause) implements WriteJob {
    }

    /** Stop the writer thread (after the jobs queued before this one). */
    record Stop() implements WriteJob {
    }

    /** Work of a {@link Task}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Session session) throws SQLException;
    }
}
